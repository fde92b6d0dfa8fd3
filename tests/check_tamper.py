"""The journal through the real program: every single-byte change of a
small journal (each offset, masks 01/80/FF), every truncation and appended
bytes make `ladder export` refuse with exit 3 or 4 (4 wherever the header
check fails), print nothing on stdout, show none of the plaintext, and leave
the file byte-identical with no new files beside it."""
import os
import shutil
import subprocess
import sys
import tempfile

LADDER = os.environ["LADDER"]
TESTDATA = os.environ["TESTDATA"]
HEADER_LEN = 256
MARKER = "tamper-marker-5c1d"

passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("not ok - " + name + (": " + detail if detail else ""))


def main():
    tmp = tempfile.mkdtemp()
    try:
        env = dict(os.environ, HOME=tmp, XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp,
                   LADDER_KDF="min")
        env.pop("LADDER_JOURNAL", None)
        j = os.path.join(tmp, "j", "journal.ladder")
        pw = os.path.join(tmp, "pass")
        open(pw, "w").write("correct horse\n")
        ans = os.path.join(tmp, "a.json")
        open(ans, "w").write('{"format": "ladder-answers", "format_version": 1, '
                             '"questionnaire": "tiny", "answers": {"a1": 3}, '
                             '"note": "%s"}' % MARKER)
        base = [LADDER, "-j", j, "--passphrase-file", pw,
                "--questionnaires", os.path.join(TESTDATA, "questionnaires")]
        for cmd in (["init", "--kdf", "min"], ["assess", "tiny", "--answers", ans]):
            r = subprocess.run(base + cmd, env=env, capture_output=True)
            if r.returncode != 0:
                print("setup failed:", r.stderr.decode())
                return 1
        good = open(j, "rb").read()
        r = subprocess.run(base + ["export"], env=env, capture_output=True)
        check("the intact journal opens and shows the marker",
              r.returncode == 0 and MARKER.encode() in r.stdout)
        folder = os.path.dirname(j)
        before = sorted(os.listdir(folder))

        def attempt(data, what, header_damage):
            open(j, "wb").write(data)
            r = subprocess.run(base + ["export"], env=env, capture_output=True)
            ok = r.returncode in ((4,) if header_damage else (3, 4))
            check(f"{what}: refused with {'4' if header_damage else '3 or 4'}", ok,
                  f"exit {r.returncode} {r.stderr.decode().strip()}")
            check(f"{what}: nothing on stdout", r.stdout == b"")
            check(f"{what}: no plaintext shown", MARKER.encode() not in r.stderr)
            check(f"{what}: file unchanged", open(j, "rb").read() == data)
            check(f"{what}: no new files", sorted(os.listdir(folder)) == before,
                  str(sorted(os.listdir(folder))))

        for off in range(len(good)):
            for mask in (0x01, 0x80, 0xFF):
                data = bytearray(good)
                data[off] ^= mask
                attempt(bytes(data), f"offset {off} ^ {mask:02x}", off < HEADER_LEN)
        for n in range(len(good)):
            attempt(good[:n], f"truncated to {n}", True)
        for extra in (b"\0", b"x" * 7, os.urandom(300)):
            attempt(good + extra, f"{len(extra)} bytes appended", True)
        open(j, "wb").write(good)
        r = subprocess.run(base + ["export"], env=env, capture_output=True)
        check("the restored journal opens again", r.returncode == 0)
    finally:
        shutil.rmtree(tmp)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
