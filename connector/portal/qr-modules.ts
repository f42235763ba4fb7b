import QRCode from 'qrcode';

/** A QR code's modules. */
export interface QrModules {
  size: number;
  /** size × size, row by row. */
  dark: Uint8Array;
}

const MASKS = 8;

/**
 * A QR code's modules (1 = dark), error correction level M, chosen exactly as the qrcode package chooses
 * them: its segments, version and codewords, and the mask with the lowest penalty (ISO/IEC 18004 §7.8.3,
 * scored as qrcode scores it). qrcode scores the eight masks through a bit matrix's get() per module: about
 * three quarters of a code's cost, and the code about 0.85 of the connector's 10 ms per document on its main
 * thread (perf, 2026-12-07). Here the symbol is made once with mask 0 and the masks are scored on bytes.
 */
export function qrModules(text: string): QrModules {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M', maskPattern: 0 });
  const { size, data } = modules;
  const flips = maskFlips(size, modules.reservedBit);
  const candidate = new Uint8Array(data.length);
  const transposed = new Uint8Array(data.length);
  let best = data;
  let lowest = Infinity;
  for (let mask = 0; mask < MASKS; mask += 1) {
    const flip = flips[mask]!;
    for (let i = 0; i < data.length; i += 1) candidate[i] = data[i]! ^ flip[i]!;
    writeFormatBits(candidate, size, mask);
    const penalty = penaltyOf(candidate, transposed, size);
    if (penalty < lowest) {
      lowest = penalty;
      best = candidate.slice();
    }
  }
  return { size, dark: best };
}

/** The modules each mask flips relative to mask 0 (function patterns never flip), per symbol size. */
const flipsBySize = new Map<number, Uint8Array[]>();

function maskFlips(size: number, reserved: Uint8Array): Uint8Array[] {
  const known = flipsBySize.get(size);
  if (known) return known;
  const flips = Array.from({ length: MASKS }, (_, mask) => {
    const flip = new Uint8Array(size * size);
    for (let row = 0; row < size; row += 1) {
      for (let col = 0; col < size; col += 1) {
        const i = row * size + col;
        if (!reserved[i]) flip[i] = maskBit(0, row, col) ^ maskBit(mask, row, col);
      }
    }
    return flip;
  });
  flipsBySize.set(size, flips);
  return flips;
}

/** The mask patterns of ISO/IEC 18004 Table 10: 1 where the pattern darkens (inverts) a data module. */
function maskBit(mask: number, i: number, j: number): number {
  switch (mask) {
    case 0: return (i + j) % 2 === 0 ? 1 : 0;
    case 1: return i % 2 === 0 ? 1 : 0;
    case 2: return j % 3 === 0 ? 1 : 0;
    case 3: return (i + j) % 3 === 0 ? 1 : 0;
    case 4: return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0 ? 1 : 0;
    case 5: return ((i * j) % 2) + ((i * j) % 3) === 0 ? 1 : 0;
    case 6: return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0 ? 1 : 0;
    default: return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0 ? 1 : 0;
  }
}

/**
 * The 15 format bits (level M's indicator 00, the mask, their BCH(15,5) check bits, XOR 101010000010010)
 * in both copies beside the finder patterns, and the dark module above the lower-left finder.
 */
function writeFormatBits(dark: Uint8Array, size: number, mask: number): void {
  const bits = formatBits(mask);
  for (let i = 0; i < 15; i += 1) {
    const bit = (bits >> i) & 1;
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    dark[row * size + 8] = bit;
    const col = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 14 - i;
    dark[8 * size + col] = bit;
  }
  dark[(size - 8) * size + 8] = 1;
}

const LEVEL_M = 0b00;

function formatBits(mask: number): number {
  const data = (LEVEL_M << 3) | mask;
  let remainder = data << 10;
  for (let bit = 14; bit >= 10; bit -= 1) if ((remainder >> bit) & 1) remainder ^= 0x537 << (bit - 10);
  return ((data << 10) | remainder) ^ 0x5412;
}

/** Penalty rules N1–N4 (§7.8.3.1), each as qrcode counts it, so the same mask wins. */
function penaltyOf(dark: Uint8Array, transposed: Uint8Array, size: number): number {
  for (let row = 0; row < size; row += 1) for (let col = 0; col < size; col += 1) transposed[col * size + row] = dark[row * size + col]!;
  return linePenalty(dark, size) + linePenalty(transposed, size) + blockPenalty(dark, size) + balancePenalty(dark);
}

/**
 * N1 (runs of five or more of one colour: 3, plus 1 per module beyond five) and N3 (1:1:3:1:1 with four
 * light modules on one side: 40), along each row of `modules`. No branch on a module's colour: modules
 * are pseudo-random, and a mispredicted branch per module cost more than the counting (a whole code was
 * 1.23–1.27 times quicker than qrcode's with the branch, 1.37–1.48 without).
 */
function linePenalty(modules: Uint8Array, size: number): number {
  let points = 0;
  for (let start = 0; start < modules.length; start += size) {
    let run = 0;
    let last = 0;
    let window = 0;
    for (let b = 0; b < size; b += 1) {
      const module = modules[start + b]!;
      run = run * (1 ^ module ^ last) + 1;
      last = module;
      points += RUN_POINTS[run]!;
      window = ((window << 1) & 0x7ff) | module;
      if (window === 0x5d0 || window === 0x05d) points += b >= 10 ? 40 : 0;
    }
  }
  return points;
}

/** What the module that makes a run `n` long adds to N1: 3 at five, then 1 for each further module. */
const RUN_POINTS = Uint8Array.from({ length: 178 }, (_, n) => (n === 5 ? 3 : n > 5 ? 1 : 0));

/** N2: 3 for each 2 × 2 block of one colour. */
function blockPenalty(modules: Uint8Array, size: number): number {
  let blocks = 0;
  for (let start = 0; start < modules.length - size; start += size) {
    let left = modules[start]! + modules[start + size]!;
    for (let col = 1; col < size; col += 1) {
      const right = modules[start + col]! + modules[start + size + col]!;
      blocks += ONE_COLOUR[left + right]!;
      left = right;
    }
  }
  return blocks * 3;
}

/** Whether four modules with this many dark ones are of one colour. */
const ONE_COLOUR = Uint8Array.of(1, 0, 0, 0, 1);

/** N4: 10 for each 5 % the share of dark modules is away from half. */
function balancePenalty(modules: Uint8Array): number {
  let darkCount = 0;
  for (let i = 0; i < modules.length; i += 1) darkCount += modules[i]!;
  return Math.abs(Math.ceil((darkCount * 100) / modules.length / 5) - 10) * 10;
}
