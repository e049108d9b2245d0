"""Unit tests of the one QR encoder (client/hpc_mfa/qr.py; login-node/hpc_mfa_qr.py links to it).

Run: python3 -m unittest discover -s client/tests   (also run by the Maven build, PythonToolsIT)
"""
import sys
import unittest
from pathlib import Path

CLIENT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(CLIENT))

from hpc_mfa import qr  # noqa: E402


class QrCodes(unittest.TestCase):
    """The QR encoder's structure (the integration tests decode the codes drawn at the SSH prompt and by mfa mk with
    ZXing)."""

    def setUp(self):
        self.qr = qr

    def test_the_smallest_version_that_holds_the_link(self):
        for length, version in ((14, 1), (26, 2), (42, 3), (62, 4), (84, 5), (106, 6), (122, 7), (152, 8),
                                (180, 9), (213, 10)):
            self.assertEqual(version * 4 + 17, len(self.qr.encode("a" * length)), length)
        self.assertEqual(25, len(self.qr.encode("a" * 15)))
        with self.assertRaises(ValueError):
            self.qr.encode("a" * 214)

    def test_finder_patterns_and_timing(self):
        grid = self.qr.encode("https://mfa.example.org/realms/hpc/device?user_code=ABCD-EFGH")
        size = len(grid)
        for cx, cy in ((3, 3), (size - 4, 3), (3, size - 4)):
            self.assertTrue(grid[cy][cx] and grid[cy - 3][cx - 3] and not grid[cy - 2][cx - 2], (cx, cy))
        self.assertEqual([i % 2 == 0 for i in range(8, size - 8)], [grid[6][i] for i in range(8, size - 8)])
        self.assertTrue(grid[size - 8][8], "the dark module")

    def test_known_reed_solomon_remainder(self):
        # ISO/IEC 18004 Annex I: "01234567" at 1-M; the data codewords and their ten error-correction codewords.
        data = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        self.assertEqual([0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55],
                         self.qr.rs_remainder(data, self.qr.rs_divisor(10)))

    def test_half_blocks_two_rows_a_line_with_a_quiet_zone(self):
        lines = self.qr.half_blocks("https://example.org/")
        self.assertEqual(25 + 4, len(lines[0]))
        self.assertEqual((25 + 4 + 1) // 2, len(lines))
        self.assertEqual("\u2588" * 29, lines[0], "the quiet zone is drawn (light on a dark terminal)")
        self.assertTrue(all(line.endswith("\u2588") for line in lines), "nothing for a terminal to trim")



class OneCopy(unittest.TestCase):

    def test_the_login_node_helper_takes_this_very_file(self):
        link = CLIENT.parent / "login-node" / "hpc_mfa_qr.py"
        self.assertTrue(link.is_symlink(), "login-node/hpc_mfa_qr.py must link to client/hpc_mfa/qr.py, not copy it")
        self.assertEqual((CLIENT / "hpc_mfa" / "qr.py").resolve(), link.resolve())


if __name__ == "__main__":
    unittest.main()
