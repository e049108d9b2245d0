"""QR codes drawn in a terminal with Unicode half blocks, so a phone can scan them: the TOTP set-up of `mfa mk
AUTHENTICATOR` and the device login's link (client/), and the device mode's one-time link at the SSH prompt
(hpc-mfa-terminal --device, login-node/). Self-contained, so neither a laptop nor a login node needs a package:
byte mode, error correction level M, versions 1 to 10 (texts up to 213 bytes), after ISO/IEC 18004:2015.

    half_blocks("https://mfa.example.org/realms/hpc/device?user_code=ABCD-EFGH")  -> lines of text

The one copy: login-node/hpc_mfa_qr.py is a link to this file, and login-node's `make install` installs it beside
hpc-mfa-terminal as hpc_mfa_qr.py (the helper shows the link alone when that file is missing).
"""
from __future__ import annotations

from typing import Callable, List

# Level M, by version (index 0 unused): error-correction codewords per block, and the number of blocks.
ECC_PER_BLOCK = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26]
BLOCKS = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5]
MAX_VERSION = 10
FORMAT_LEVEL_M = 0  # the two error-correction bits of the format information for level M
QUIET_ZONE = 2

MASKS: List[Callable[[int, int], bool]] = [
    lambda x, y: (x + y) % 2 == 0,
    lambda x, y: y % 2 == 0,
    lambda x, y: x % 3 == 0,
    lambda x, y: (x + y) % 3 == 0,
    lambda x, y: (x // 3 + y // 2) % 2 == 0,
    lambda x, y: x * y % 2 + x * y % 3 == 0,
    lambda x, y: (x * y % 2 + x * y % 3) % 2 == 0,
    lambda x, y: ((x + y) % 2 + x * y % 3) % 2 == 0,
]


def raw_data_modules(version: int) -> int:
    """Modules left for data and error correction once the function patterns are drawn."""
    result = (16 * version + 128) * version + 64
    if version >= 2:
        aligns = version // 7 + 2
        result -= (25 * aligns - 10) * aligns - 55
        if version >= 7:
            result -= 36
    return result


def data_codewords(version: int) -> int:
    return raw_data_modules(version) // 8 - ECC_PER_BLOCK[version] * BLOCKS[version]


def gf_multiply(x: int, y: int) -> int:
    """Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1."""
    z = 0
    for i in reversed(range(8)):
        z = (z << 1) ^ ((z >> 7) * 0x11D)
        z ^= ((y >> i) & 1) * x
    return z


def rs_divisor(degree: int) -> List[int]:
    result = [0] * (degree - 1) + [1]
    root = 1
    for _ in range(degree):
        for j in range(degree):
            result[j] = gf_multiply(result[j], root)
            if j + 1 < degree:
                result[j] ^= result[j + 1]
        root = gf_multiply(root, 0x02)
    return result


def rs_remainder(data: List[int], divisor: List[int]) -> List[int]:
    result = [0] * len(divisor)
    for byte in data:
        factor = byte ^ result.pop(0)
        result.append(0)
        for i, coefficient in enumerate(divisor):
            result[i] ^= gf_multiply(coefficient, factor)
    return result


def encode_data(data: bytes) -> tuple:
    """(version, data codewords): the smallest version that holds the bytes, padded as the standard says."""
    for version in range(1, MAX_VERSION + 1):
        capacity = data_codewords(version) * 8
        count_bits = 8 if version <= 9 else 16
        if 4 + count_bits + 8 * len(data) <= capacity:
            break
    else:
        raise ValueError(f"{len(data)} bytes do not fit a version {MAX_VERSION} QR code")
    bits: List[int] = []

    def append(value: int, length: int) -> None:
        bits.extend((value >> i) & 1 for i in reversed(range(length)))

    append(0b0100, 4)  # byte mode
    append(len(data), count_bits)
    for byte in data:
        append(byte, 8)
    append(0, min(4, capacity - len(bits)))
    append(0, -len(bits) % 8)
    pad = 0xEC
    while len(bits) < capacity:
        append(pad, 8)
        pad ^= 0xEC ^ 0x11
    return version, [int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8)]


def with_error_correction(version: int, data: List[int]) -> List[int]:
    """The data split into blocks, each with its Reed-Solomon codewords, interleaved."""
    blocks_count, ecc_length = BLOCKS[version], ECC_PER_BLOCK[version]
    raw = raw_data_modules(version) // 8
    short_blocks = blocks_count - raw % blocks_count
    short_length = raw // blocks_count
    divisor = rs_divisor(ecc_length)
    blocks = []
    k = 0
    for i in range(blocks_count):
        block = data[k:k + short_length - ecc_length + (0 if i < short_blocks else 1)]
        k += len(block)
        ecc = rs_remainder(block, divisor)
        if i < short_blocks:
            block.append(0)  # a placeholder, skipped below
        blocks.append(block + ecc)
    result = []
    for i in range(len(blocks[0])):
        for j, block in enumerate(blocks):
            if i != short_length - ecc_length or j >= short_blocks:
                result.append(block[i])
    return result


class Symbol:
    """One QR symbol: the module grid (True = dark) and which modules belong to function patterns."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.size = version * 4 + 17
        self.dark = [[False] * self.size for _ in range(self.size)]
        self.function = [[False] * self.size for _ in range(self.size)]
        self._draw_function_patterns()

    def _set(self, x: int, y: int, dark: bool) -> None:
        self.dark[y][x] = dark
        self.function[y][x] = True

    def _alignment_positions(self) -> List[int]:
        if self.version == 1:
            return []
        count = self.version // 7 + 2
        step = (self.version * 8 + count * 3 + 5) // (count * 4 - 4) * 2
        return [6] + [self.size - 7 - i * step for i in reversed(range(count - 1))]

    def _draw_function_patterns(self) -> None:
        for i in range(self.size):
            self._set(6, i, i % 2 == 0)
            self._set(i, 6, i % 2 == 0)
        for cx, cy in ((3, 3), (self.size - 4, 3), (3, self.size - 4)):
            for dy in range(-4, 5):
                for dx in range(-4, 5):
                    x, y = cx + dx, cy + dy
                    if 0 <= x < self.size and 0 <= y < self.size:
                        self._set(x, y, max(abs(dx), abs(dy)) not in (2, 4))
        positions = self._alignment_positions()
        last = len(positions) - 1
        for i, cx in enumerate(positions):
            for j, cy in enumerate(positions):
                if (i, j) in ((0, 0), (0, last), (last, 0)):
                    continue  # the finder patterns' corners
                for dy in range(-2, 3):
                    for dx in range(-2, 3):
                        self._set(cx + dx, cy + dy, max(abs(dx), abs(dy)) != 1)
        self.draw_format(0)  # reserves the format areas; drawn for real once the mask is chosen
        if self.version >= 7:
            remainder = self.version
            for _ in range(12):
                remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25)
            bits = self.version << 12 | remainder
            for i in range(18):
                bit = (bits >> i) & 1 == 1
                a, b = self.size - 11 + i % 3, i // 3
                self._set(a, b, bit)
                self._set(b, a, bit)

    def draw_format(self, mask: int) -> None:
        data = FORMAT_LEVEL_M << 3 | mask
        remainder = data
        for _ in range(10):
            remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537)
        bits = (data << 10 | remainder) ^ 0x5412

        def bit(i: int) -> bool:
            return (bits >> i) & 1 == 1

        for i in range(6):
            self._set(8, i, bit(i))
        self._set(8, 7, bit(6))
        self._set(8, 8, bit(7))
        self._set(7, 8, bit(8))
        for i in range(9, 15):
            self._set(14 - i, 8, bit(i))
        for i in range(8):
            self._set(self.size - 1 - i, 8, bit(i))
        for i in range(8, 15):
            self._set(8, self.size - 15 + i, bit(i))
        self._set(8, self.size - 8, True)  # the dark module

    def draw_codewords(self, codewords: List[int]) -> None:
        i = 0
        total = len(codewords) * 8
        right = self.size - 1
        while right >= 1:
            if right == 6:
                right = 5  # the vertical timing pattern
            upward = ((right + 1) & 2) == 0
            for vertical in range(self.size):
                y = self.size - 1 - vertical if upward else vertical
                for x in (right, right - 1):
                    if not self.function[y][x] and i < total:
                        self.dark[y][x] = (codewords[i >> 3] >> (7 - (i & 7))) & 1 == 1
                        i += 1
            right -= 2

    def apply_mask(self, mask: int) -> None:
        masked = MASKS[mask]
        for y in range(self.size):
            for x in range(self.size):
                if not self.function[y][x] and masked(x, y):
                    self.dark[y][x] = not self.dark[y][x]

    def penalty(self) -> int:
        """The standard's four penalty rules (runs, 2x2 blocks, finder-like patterns, balance)."""
        score = 0
        lines = self.dark + [list(column) for column in zip(*self.dark)]
        finder_like = ([True, False, True, True, True, False, True, False, False, False, False],
                       [False, False, False, False, True, False, True, True, True, False, True])
        for line in lines:
            run = 1
            for i in range(1, len(line) + 1):
                if i < len(line) and line[i] == line[i - 1]:
                    run += 1
                    continue
                if run >= 5:
                    score += 3 + (run - 5)
                run = 1
            for i in range(len(line) - 10):
                if line[i:i + 11] in finder_like:
                    score += 40
        for y in range(self.size - 1):
            for x in range(self.size - 1):
                if self.dark[y][x] == self.dark[y][x + 1] == self.dark[y + 1][x] == self.dark[y + 1][x + 1]:
                    score += 3
        dark = sum(map(sum, self.dark))
        total = self.size * self.size
        score += abs(dark * 20 - total * 10) // total * 10
        return score


def encode(text: str) -> List[List[bool]]:
    """The module grid of the QR code of text (UTF-8), True for dark, with the mask of lowest penalty."""
    version, data = encode_data(text.encode("utf-8"))
    codewords = with_error_correction(version, data)
    best = None
    for mask in range(len(MASKS)):
        symbol = Symbol(version)
        symbol.draw_codewords(codewords)
        symbol.apply_mask(mask)
        symbol.draw_format(mask)
        score = symbol.penalty()
        if best is None or score < best[0]:
            best = (score, symbol)
    return best[1].dark


def half_blocks(text: str) -> List[str]:
    """The QR code as text, two module rows per line, light modules drawn (for the usual dark terminal), with a
    quiet zone of two modules. Every line ends with a drawn character, so nothing trims it."""
    grid = encode(text)
    size = len(grid) + 2 * QUIET_ZONE

    def light(x: int, y: int) -> bool:
        gx, gy = x - QUIET_ZONE, y - QUIET_ZONE
        if not (0 <= gx < len(grid) and 0 <= gy < len(grid)):
            return True  # the quiet zone (and the half row below an odd last row)
        return not grid[gy][gx]

    lines = []
    for y in range(0, size, 2):
        lines.append("".join({(True, True): "\u2588", (True, False): "\u2580", (False, True): "\u2584",
                              (False, False): " "}[(light(x, y), light(x, y + 1))] for x in range(size)))
    return lines


if __name__ == "__main__":
    import sys

    print("\n".join(half_blocks(sys.argv[1] if len(sys.argv) > 1 else "https://example.org/")))
