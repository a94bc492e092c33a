"""The issue's acceptance on the development set, run through the official scorer."""

import subprocess
import sys

from tests.conftest import EVAL, REPO


def test_dev_set_meets_recall_and_false_flag_targets() -> None:
    res = subprocess.run(
        [sys.executable, str(EVAL / "score_goods.py"), "--adapter", "uavscreen.eval_adapter:goods_screener",
         "--require-recall", "0.95", "--require-false-flag", "0.03"],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )
    summary = res.stdout.strip().splitlines()[-1]
    assert res.returncode == 0, summary + res.stderr[-2000:]
    assert "errors 0" in summary
