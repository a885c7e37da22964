-- Interview SQL patterns on three tiny tables, runnable in SQLite 3.25+ (window functions).
--
-- Run from the repository root:
--
--     .venv/bin/python docs_src/cheatsheets/sql_check.py
--
-- sql_check.py runs this whole file, then runs each marked query again and checks its rows.
-- Every marked section holds only read-only statements, except the table definitions.

-- --8<-- [start:tables]
CREATE TABLE dept (name TEXT PRIMARY KEY);
CREATE TABLE emp (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  dept       TEXT REFERENCES dept (name),
  salary     INTEGER NOT NULL,
  manager_id INTEGER REFERENCES emp (id)   -- NULL for the top of the tree
);
CREATE TABLE logins (user_id INTEGER NOT NULL, day TEXT NOT NULL);  -- ISO dates
-- --8<-- [end:tables]

INSERT INTO dept VALUES ('eng'), ('ops'), ('hr'), ('legal');  -- legal has nobody
INSERT INTO emp VALUES
  (1, 'Ana', 'eng', 120, NULL),
  (2, 'Ben', 'eng', 110, 1),
  (3, 'Cai', 'eng', 110, 1),
  (4, 'Dee', 'eng',  90, 2),
  (5, 'Eve', 'ops', 100, NULL),
  (6, 'Fay', 'ops',  80, 5),
  (7, 'Gus', 'ops',  80, 5),
  (8, 'Hal', 'hr',   70, NULL);
INSERT INTO logins VALUES
  (1, '2024-01-01'), (1, '2024-01-02'), (1, '2024-01-02'),  -- a duplicate row
  (1, '2024-01-03'), (1, '2024-01-05'), (1, '2024-01-06'),
  (2, '2024-01-02'), (2, '2024-01-04'), (2, '2024-01-05'),
  (2, '2024-01-06'), (2, '2024-01-07'),
  (3, '2024-01-01'),
  (4, '2024-01-04'), (4, '2024-01-05');

-- --8<-- [start:aggregation]
SELECT dept,
       COUNT(*)          AS n_rows,     -- rows
       COUNT(manager_id) AS n_managed,  -- non-NULLs
       SUM(CASE WHEN salary >= 100 THEN 1 ELSE 0 END)
         AS n_high,
       AVG(CASE WHEN salary >= 100 THEN 1.0 ELSE 0 END)
         AS share_high
FROM emp
WHERE salary > 0            -- rows, before grouping
GROUP BY dept
HAVING COUNT(*) >= 2        -- groups, after grouping
ORDER BY dept;
-- --8<-- [end:aggregation]

-- --8<-- [start:ranks]
SELECT name, salary,
       ROW_NUMBER() OVER w AS row_number,
       RANK()       OVER w AS rank,
       DENSE_RANK() OVER w AS dense_rank
FROM emp
WHERE dept = 'eng'
WINDOW w AS (ORDER BY salary DESC)
ORDER BY salary DESC, name;
-- --8<-- [end:ranks]

-- --8<-- [start:top_n]
-- Top 2 salaries per department, ties kept.
SELECT dept, name, salary, rnk
FROM (
  SELECT dept, name, salary,
    DENSE_RANK() OVER (PARTITION BY dept
                       ORDER BY salary DESC) AS rnk
  FROM emp
) AS ranked
WHERE rnk <= 2   -- filter window results one level up
ORDER BY dept, rnk, name;
-- --8<-- [end:top_n]

-- --8<-- [start:second_highest]
SELECT MAX(salary) AS second_highest  -- NULL if none
FROM emp
WHERE salary < (SELECT MAX(salary) FROM emp);
-- --8<-- [end:second_highest]

-- --8<-- [start:anti_join]
-- Departments with no employees, two ways.
SELECT d.name FROM dept AS d
WHERE NOT EXISTS (SELECT 1 FROM emp AS e
                  WHERE e.dept = d.name);

SELECT d.name FROM dept AS d
LEFT JOIN emp AS e ON e.dept = d.name
WHERE e.id IS NULL;  -- a column never NULL in a match
-- --8<-- [end:anti_join]

-- --8<-- [start:not_in_trap]
-- Who manages nobody? manager_id holds NULLs,
-- so NOT IN returns no rows at all.
SELECT name FROM emp
WHERE id NOT IN (SELECT manager_id FROM emp);

-- Correct: NOT EXISTS.
SELECT name FROM emp AS e
WHERE NOT EXISTS (SELECT 1 FROM emp AS r
                  WHERE r.manager_id = e.id)
ORDER BY name;
-- --8<-- [end:not_in_trap]

-- --8<-- [start:running_total]
SELECT name, salary,
  SUM(salary) OVER (ORDER BY salary DESC ROWS
    BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    AS run_rows,                 -- 120 230 340 430
  SUM(salary) OVER (ORDER BY salary DESC)
    AS run_range,  -- default RANGE: 120 340 340 430
  ROUND(100.0 * salary / SUM(salary) OVER (), 1)
    AS pct_of_total
FROM emp WHERE dept = 'eng'
ORDER BY salary DESC, name;
-- --8<-- [end:running_total]

-- --8<-- [start:gaps_islands]
-- Streaks of consecutive login days per user.
WITH days AS (   -- duplicates would break the trick
  SELECT DISTINCT user_id, day FROM logins
), grouped AS (  -- day - rn: constant within a run
  SELECT user_id, day, julianday(day) - ROW_NUMBER()
    OVER (PARTITION BY user_id ORDER BY day) AS grp
  FROM days
)
SELECT user_id, MIN(day) AS first_day,
       MAX(day) AS last_day, COUNT(*) AS n_days
FROM grouped GROUP BY user_id, grp
ORDER BY user_id, first_day;
-- --8<-- [end:gaps_islands]

-- --8<-- [start:retention]
-- Day-1 retention per cohort (day of first login).
WITH cohort AS (
  SELECT user_id, MIN(day) AS first_day
  FROM logins GROUP BY user_id
)
SELECT c.first_day,
  COUNT(DISTINCT c.user_id) AS cohort_size,
  1.0 * COUNT(DISTINCT l.user_id)
      / COUNT(DISTINCT c.user_id) AS d1_retention
FROM cohort AS c
LEFT JOIN logins AS l     -- day test in ON, not WHERE
  ON l.user_id = c.user_id
 AND l.day = date(c.first_day, '+1 day')
GROUP BY c.first_day
ORDER BY c.first_day;
-- --8<-- [end:retention]

-- --8<-- [start:dedup]
-- Keep one row per (user_id, day).
SELECT user_id, day
FROM (SELECT user_id, day,
             ROW_NUMBER() OVER (PARTITION BY user_id, day ORDER BY rowid) AS rn
      FROM logins) AS t
WHERE rn = 1
ORDER BY user_id, day;
-- --8<-- [end:dedup]

-- --8<-- [start:median]
SELECT AVG(salary) AS median  -- of 1 or 2 middle rows
FROM (SELECT salary,
        ROW_NUMBER() OVER (ORDER BY salary) AS rn,
        COUNT(*) OVER () AS n
      FROM emp) AS t
WHERE rn IN ((n + 1) / 2, (n + 2) / 2);  -- integer division
-- --8<-- [end:median]

-- --8<-- [start:recursive]
WITH RECURSIVE chain (id, name, depth) AS (
  SELECT id, name, 0 FROM emp WHERE manager_id IS NULL   -- anchor
  UNION ALL
  SELECT e.id, e.name, c.depth + 1                       -- recursive step
  FROM emp AS e JOIN chain AS c ON e.manager_id = c.id
)
SELECT name, depth FROM chain ORDER BY depth, name;
-- --8<-- [end:recursive]

-- --8<-- [start:self_join]
SELECT e.name, m.name AS manager
FROM emp AS e
LEFT JOIN emp AS m ON m.id = e.manager_id   -- LEFT keeps people with no manager
ORDER BY e.id;
-- --8<-- [end:self_join]
