"""Parameter counts of classic CNNs, layer by layer, against their published totals.

Run from any folder:

    python docs_src/ml_breadth/deep_learning_architectures.py

Checks: LeNet-5 has 60,000 trainable parameters (LeCun et al., 1998); AlexNet as published
(two-GPU grouped convolutions) 60,965,224 and torchvision's single-tower variant 61,100,840;
VGG-16 138,357,544 with about 89 % in the three fully connected layers; ResNet-18 11,689,512
and ResNet-50 25,557,032 (torchvision, batch-norm scale and shift included, running statistics
excluded because they are not trained). Spatial sizes are tracked with the output-size formula
and must reach the sizes the papers report. Finally, the number of trainable parameters when a
ResNet-50 is reused for a 10-class task, frozen or fully fine-tuned.
"""

from __future__ import annotations


def conv_out(n: int, k: int, s: int = 1, p: int = 0) -> int:
    """floor((n + 2p - k) / s) + 1."""
    return (n + 2 * p - k) // s + 1


def conv_params(k: int, c_in: int, c_out: int, bias: bool = True, groups: int = 1) -> int:
    """Each of c_out filters sees c_in / groups channels."""
    return k * k * (c_in // groups) * c_out + (c_out if bias else 0)


def dense_params(d_in: int, d_out: int) -> int:
    """d_in * d_out weights plus d_out biases."""
    return d_in * d_out + d_out


# --8<-- [start:vgg16]
def vgg16_params() -> tuple[int, int]:
    """13 conv layers (3x3, padding 1) with 2x2 max pools ('M'), then three dense layers."""
    cfg = [64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M"]
    c_in, side, conv_total = 3, 224, 0
    for layer in cfg:
        if layer == "M":
            side = conv_out(side, k=2, s=2)        # pooling halves the side, adds no parameters
        else:
            conv_total += conv_params(3, c_in, layer)
            side, c_in = conv_out(side, k=3, p=1), layer   # 3x3 with padding 1 keeps the side
    assert (side, c_in) == (7, 512)
    dense_total = (dense_params(7 * 7 * 512, 4096) + dense_params(4096, 4096)
                   + dense_params(4096, 1000))
    return conv_total, dense_total
# --8<-- [end:vgg16]


# --8<-- [start:resnet]
def resnet_params(block: str, blocks_per_stage: list[int]) -> int:
    """torchvision ResNet: convolutions have no bias (batch norm follows), BN has 2 per channel."""
    def bn(c: int) -> int:
        return 2 * c                                # gamma and beta per channel

    total = conv_params(7, 3, 64, bias=False) + bn(64)  # stem: 7x7 stride 2, then 3x3 max pool
    c_in, expansion = 64, (4 if block == "bottleneck" else 1)
    for stage, n_blocks in enumerate(blocks_per_stage):
        width = 64 * 2**stage
        for i in range(n_blocks):
            c_out = width * expansion
            if block == "bottleneck":               # 1x1 reduce, 3x3, 1x1 expand by 4
                total += (conv_params(1, c_in, width, False) + bn(width)
                          + conv_params(3, width, width, False) + bn(width)
                          + conv_params(1, width, c_out, False) + bn(c_out))
            else:                                   # basic block: two 3x3 convolutions
                total += (conv_params(3, c_in, c_out, False) + bn(c_out)
                          + conv_params(3, c_out, c_out, False) + bn(c_out))
            if i == 0 and (c_in != c_out or stage > 0):  # projection shortcut: 1x1 conv + BN
                total += conv_params(1, c_in, c_out, False) + bn(c_out)
            c_in = c_out
    return total + dense_params(c_in, 1000)         # global average pool, then one dense layer
# --8<-- [end:resnet]


def main() -> None:
    # --8<-- [start:check]
    # LeNet-5 (1998): C3 connects each of its 16 maps to a subset of S2's 6 maps
    # (6 maps see 3 inputs, 9 see 4, 1 sees all 6); subsampling layers have 2 weights per map.
    c1, s2 = 6 * (5 * 5 + 1), 6 * 2
    c3 = 5 * 5 * (6 * 3 + 9 * 4 + 1 * 6) + 16
    s4, c5, f6 = 16 * 2, 120 * (16 * 5 * 5 + 1), dense_params(120, 84)
    assert c1 + s2 + c3 + s4 + c5 + f6 == 60_000

    # AlexNet as published: conv2, conv4, conv5 split across two GPUs (groups=2).
    side = conv_out(227, k=11, s=4)                # 55; the paper's "224" does not divide
    side = conv_out(conv_out(conv_out(side, 3, 2), 5, p=2), 3, 2)   # pool, conv2, pool -> 13
    side = conv_out(side, 3, 2)                    # after conv3-5 and the last pool: 6
    assert side == 6
    alexnet_paper = (conv_params(11, 3, 96) + conv_params(5, 96, 256, groups=2)
                     + conv_params(3, 256, 384) + conv_params(3, 384, 384, groups=2)
                     + conv_params(3, 384, 256, groups=2)
                     + dense_params(6 * 6 * 256, 4096) + dense_params(4096, 4096)
                     + dense_params(4096, 1000))
    assert alexnet_paper == 60_965_224
    alexnet_tv = (conv_params(11, 3, 64) + conv_params(5, 64, 192) + conv_params(3, 192, 384)
                  + conv_params(3, 384, 256) + conv_params(3, 256, 256)
                  + dense_params(6 * 6 * 256, 4096) + dense_params(4096, 4096)
                  + dense_params(4096, 1000))
    assert alexnet_tv == 61_100_840

    conv_total, dense_total = vgg16_params()
    assert conv_total + dense_total == 138_357_544
    assert dense_params(7 * 7 * 512, 4096) == 102_764_544      # the first dense layer alone

    assert resnet_params("basic", [2, 2, 2, 2]) == 11_689_512          # ResNet-18
    assert resnet_params("bottleneck", [3, 4, 6, 3]) == 25_557_032     # ResNet-50
    print(f"LeNet-5 60,000 | AlexNet {alexnet_paper:,} (paper), {alexnet_tv:,} (torchvision)")
    print(f"VGG-16 {conv_total + dense_total:,}: conv {conv_total:,}, dense {dense_total:,} "
          f"({dense_total / (conv_total + dense_total):.1%})")
    print(f"ResNet-18 {resnet_params('basic', [2, 2, 2, 2]):,} | "
          f"ResNet-50 {resnet_params('bottleneck', [3, 4, 6, 3]):,}")
    # --8<-- [end:check]

    # --8<-- [start:transfer]
    # Transfer to a 10-class task: swap ResNet-50's 1000-way head for a 10-way one.
    backbone = resnet_params("bottleneck", [3, 4, 6, 3]) - dense_params(2048, 1000)
    head = dense_params(2048, 10)
    assert (backbone, head) == (23_508_032, 20_490)
    print(f"feature extraction trains {head:,} parameters; full fine-tuning {backbone + head:,} "
          f"({head / (backbone + head):.2%} vs 100%)")
    # --8<-- [end:transfer]


if __name__ == "__main__":
    main()
