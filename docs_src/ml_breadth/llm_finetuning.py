"""Fine-tuning arithmetic: training memory per parameter, and the SFT loss mask of a chat template.

Run from anywhere:

    python docs_src/ml_breadth/llm_finetuning.py

Checks: 16 bytes per parameter for mixed-precision Adam (112 GB for 7 B parameters before
activations), against LoRA and 4-bit QLoRA; a chat template rendered to tokens with a mask
so that the SFT loss is the mean over assistant tokens only.
"""

from __future__ import annotations

import numpy as np

Array = np.ndarray


# --8<-- [start:memory]
def full_finetune_bytes(n_params: float) -> dict[str, float]:
    """Memory for weights, gradients and optimiser state with mixed-precision Adam(W).

    Activations are extra: they grow with batch size x sequence length x layers.
    """
    return {
        "bf16 weights": 2 * n_params,
        "bf16 gradients": 2 * n_params,
        "fp32 master weights": 4 * n_params,
        "Adam m (fp32)": 4 * n_params,
        "Adam v (fp32)": 4 * n_params,
    }


def adapter_finetune_bytes(n_params: float, n_trainable: float, base_bits: float) -> float:
    """Frozen base stored at `base_bits` per weight; only the adapter needs grads and Adam state."""
    return n_params * base_bits / 8 + 16 * n_trainable
# --8<-- [end:memory]


# --8<-- [start:check-memory]
def check_memory() -> None:
    n = 7e9
    full = full_finetune_bytes(n)
    assert sum(full.values()) == 16 * n == 112e9
    print(f"full fine-tuning of 7 B parameters: {sum(full.values()) / 1e9:.0f} GB "
          f"({sum(full.values()) / n:.0f} bytes per parameter) before activations")
    lora = 20e6  # about 20 M trainable LoRA weights (rank 8 on all linear layers of a 7 B model)
    lora_bytes = adapter_finetune_bytes(n, lora, base_bits=16)
    # QLoRA: 4-bit NF4 codes, one fp32 absmax per block of 64 weights = 4 + 32/64 = 4.5 bits;
    # double quantisation stores those constants in 8 bits with an fp32 constant per 256 of them.
    bits_plain = 4 + 32 / 64
    bits_double = 4 + 8 / 64 + 32 / (64 * 256)
    assert np.isclose(bits_plain, 4.5) and np.isclose(bits_double - 4, 0.127, atol=1e-3)
    qlora_bytes = adapter_finetune_bytes(n, lora, base_bits=bits_double)
    assert 14.3e9 < lora_bytes < 14.4e9 and 3.9e9 < qlora_bytes < 4.0e9
    print(f"LoRA on a bf16 base: {lora_bytes / 1e9:.1f} GB; QLoRA on a 4-bit base "
          f"({bits_double:.3f} bits per weight): {qlora_bytes / 1e9:.1f} GB")
# --8<-- [end:check-memory]


# --8<-- [start:chat-template]
def render_chat(messages: list[dict[str, str]]) -> tuple[list[str], Array]:
    """Render messages with a toy chat template; return tokens and a 0/1 loss mask.

    Every turn is <|role|> content <|end|>. Only the assistant's content and its <|end|>
    get mask 1: the model must learn to answer and to stop, not to imitate the user.
    """
    tokens, mask = [], []
    for message in messages:
        body = message["content"].split() + ["<|end|>"]
        tokens += [f"<|{message['role']}|>"] + body
        mask += [0] + [int(message["role"] == "assistant")] * len(body)
    return tokens, np.array(mask)


def masked_sft_loss(token_nll: Array, mask: Array) -> float:
    """Mean negative log-likelihood over the positions the mask keeps."""
    return float((token_nll * mask).sum() / mask.sum())


def check_chat_template() -> None:
    messages = [
        {"role": "system", "content": "You are concise."},
        {"role": "user", "content": "Capital of France?"},
        {"role": "assistant", "content": "Paris."},
    ]
    tokens, mask = render_chat(messages)
    kept = [t for t, m in zip(tokens, mask) if m]
    assert kept == ["Paris.", "<|end|>"]
    rng = np.random.default_rng(0)
    token_nll = rng.exponential(size=len(tokens))  # stand-in per-token losses
    assert np.isclose(masked_sft_loss(token_nll, mask), token_nll[mask == 1].mean())
    print("chat template:", " ".join(tokens))
    print(f"loss mask keeps {kept}: {mask.sum()} of {len(tokens)} tokens")
# --8<-- [end:chat-template]


if __name__ == "__main__":
    check_memory()
    check_chat_template()
    print("all fine-tuning checks passed")
