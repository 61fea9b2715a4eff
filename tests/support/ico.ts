// A real ICO file (as sites serve at /favicon.ico) around one PNG, the way icons made since
// Windows Vista embed them: the 6-byte header, one 16-byte directory entry, then the PNG.
export function icoFromPng(png: Buffer): Buffer {
  const width = png.readUInt32BE(16); // from the PNG's IHDR chunk
  const height = png.readUInt32BE(20);
  const head = Buffer.alloc(22);
  head.writeUInt16LE(1, 2); // type: icon
  head.writeUInt16LE(1, 4); // one image
  head.writeUInt8(width >= 256 ? 0 : width, 6); // 0 means 256 or more
  head.writeUInt8(height >= 256 ? 0 : height, 7);
  head.writeUInt16LE(1, 10); // colour planes
  head.writeUInt16LE(32, 12); // bits per pixel
  head.writeUInt32LE(png.length, 14);
  head.writeUInt32LE(head.length, 18); // the image starts right after the directory
  return Buffer.concat([head, png]);
}
