/**
 * A small zip reader for the archives @actions/artifact uploads (archiver, streamed: sizes in data
 * descriptors, so the central directory is the one source of sizes). Stored and deflated entries,
 * each checked against its CRC-32; anything else (zip64, encryption, other methods) throws.
 */
import { crc32, inflateRawSync } from 'node:zlib'

export interface ZipEntry {
  /** The path inside the archive, with `/` separators. */
  readonly name: string
  readonly data: Buffer
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_FILE_HEADER = 0x02014b50
const LOCAL_FILE_HEADER = 0x04034b50

/** The file entries of a zip archive (directories left out), in the order of its central directory. */
export function readZip(archive: Buffer): ZipEntry[] {
  const end = findEndOfCentralDirectory(archive)
  const count = archive.readUInt16LE(end + 10)
  let offset = archive.readUInt32LE(end + 16)
  const entries: ZipEntry[] = []
  for (let index = 0; index < count; index++) {
    if (archive.readUInt32LE(offset) !== CENTRAL_FILE_HEADER)
      throw new Error(`zip: no central directory header at ${offset}`)
    const flags = archive.readUInt16LE(offset + 8)
    const method = archive.readUInt16LE(offset + 10)
    const crc = archive.readUInt32LE(offset + 16)
    const compressedSize = archive.readUInt32LE(offset + 20)
    const size = archive.readUInt32LE(offset + 24)
    const nameLength = archive.readUInt16LE(offset + 28)
    const extraLength = archive.readUInt16LE(offset + 30)
    const commentLength = archive.readUInt16LE(offset + 32)
    const localOffset = archive.readUInt32LE(offset + 42)
    const name = archive.toString('utf8', offset + 46, offset + 46 + nameLength)
    offset += 46 + nameLength + extraLength + commentLength
    if (flags & 1) throw new Error(`zip: ${name} is encrypted`)
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff) throw new Error(`zip: ${name} is zip64`)
    if (name.endsWith('/')) continue
    if (archive.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER)
      throw new Error(`zip: no local header for ${name} at ${localOffset}`)
    const dataStart =
      localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28)
    const raw = archive.subarray(dataStart, dataStart + compressedSize)
    const data = method === 0 ? Buffer.from(raw) : method === 8 ? inflateRawSync(raw) : undefined
    if (!data) throw new Error(`zip: ${name} uses compression method ${method}`)
    if (data.length !== size) throw new Error(`zip: ${name} is ${data.length} bytes, its header says ${size}`)
    if (crc32(data) !== crc) throw new Error(`zip: ${name} fails its CRC-32 check`)
    entries.push({ name, data })
  }
  return entries
}

function findEndOfCentralDirectory(archive: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let offset = archive.length - 22; offset >= Math.max(0, archive.length - 22 - 0xffff); offset--)
    if (archive.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset
  throw new Error('zip: no end of central directory record (not a zip archive)')
}
