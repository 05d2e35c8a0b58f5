using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace LightSerNet.Audio.Tests;

/// <summary>
/// Valid files with random damage: overwritten bytes, hostile 32-bit sizes dropped anywhere (mostly on chunk
/// size fields), truncation. Whatever the damage, the reader returns, fails only with WaveFormatException,
/// and allocates in proportion to the file (<see cref="HostileRead"/>).
/// </summary>
public sealed class WaveParserProperties
{
    [Property(MaxTest = 600, Arbitrary = [typeof(DamagedFiles)])]
    public void DamagedFilesAreReadOrRejectedCleanly(DamagedFile file) => HostileRead.Read(file.Bytes);

    [Property(MaxTest = 300, Arbitrary = [typeof(DamagedFiles)])]
    public void AnyFileOfRandomChunksIsReadOrRejectedCleanly(ChunkSoup file) => HostileRead.Read(file.Bytes);
}

public sealed record DamagedFile(byte[] Bytes, string Damage)
{
    public override string ToString() => $"{Bytes.Length} bytes: {Damage}";
}

public sealed record ChunkSoup(byte[] Bytes, string Layout)
{
    public override string ToString() => $"{Bytes.Length} bytes: {Layout}";
}

public static class DamagedFiles
{
    private static readonly byte[][] Originals =
    [
        new WaveFileBuilder().WithData(new byte[400]).ChunkBeforeData("LIST", "INFOICMT\u0005\0\0\0data\0\0"u8.ToArray()).Build(),
        new WaveFileBuilder().Format(3, 2, 44100, 32).Extensible(3).WithData(new byte[256]).Build(),
        new WaveFileBuilder().Format(1, 1, 8000, 8).WithData(new byte[301]).ChunkAfterData("id3 ", new byte[7]).Build(),
        new WaveFileBuilder().Format(1, 2, 48000, 24).DataBeforeFormat().WithData(new byte[120]).Build(),
        new WaveFileBuilder().Format(3, 1, 16000, 64).AsRf64().WithData(new byte[160]).Build(),
        new WaveFileBuilder().Format(7, 1, 8000, 8).ChunkBeforeFormat("junk", new byte[3]).WithData(new byte[99]).Build(),
    ];

    private static readonly uint[] HostileSizes =
        [0, 1, 2, 3, 7, 8, 15, 16, 17, 18, 39, 40, 0x7FFF, 0xFFFF, 0x10000, 0x7FFFFFFE, 0x7FFFFFFF, 0x80000000, 0xFFFFFFF0, 0xFFFFFFFE, 0xFFFFFFFF];

    private enum Kind { Byte, Size, ChunkSize, Truncate }

    private sealed record Edit(Kind Kind, int Where, uint Value);

    public static Arbitrary<DamagedFile> DamagedFile()
    {
        var edit =
            from kind in Gen.Frequency((3, Gen.Constant(Kind.Byte)), (2, Gen.Constant(Kind.Size)), (4, Gen.Constant(Kind.ChunkSize)), (1, Gen.Constant(Kind.Truncate)))
            from at in Gen.Choose(0, int.MaxValue)
            from value in Gen.OneOf(Gen.Elements(HostileSizes), Gen.Choose(0, int.MaxValue).Select(v => (uint)v * 2u + 1u))
            select new Edit(kind, at, value);
        var damaged =
            from original in Gen.Elements(Originals)
            from count in Gen.Choose(1, 6)
            from edits in Gen.ListOf(edit, count)
            select Apply(original, edits);
        return damaged.ToArbitrary();
    }

    public static Arbitrary<ChunkSoup> ChunkSoup()
    {
        string[] ids = ["fmt ", "data", "LIST", "PAD ", "ds64", "junk", "\0\0\0\0", "fmt\0"];
        var random =
            from id in Gen.Elements(ids)
            from size in Gen.OneOf(Gen.Choose(0, 64).Select(v => (uint)v), Gen.Elements(HostileSizes))
            from length in Gen.Choose(0, 64)
            from fill in Gen.Choose(0, 255)
            select ("random", id, size, Enumerable.Repeat((byte)fill, length).ToArray());
        // Genuine format chunks with honest sizes, so that some soups are readable and the accepting paths get shaken too.
        var format =
            from body in Gen.Elements(Formats)
            select ("fmt", "fmt ", (uint)body.Length, body);
        var data =
            from length in Gen.Choose(0, 96)
            from honest in Gen.Frequency((3, Gen.Constant(true)), (1, Gen.Constant(false)))
            from size in Gen.Elements(HostileSizes)
            select ("data", "data", honest ? (uint)length : size, Enumerable.Range(0, length).Select(i => (byte)(i * 37)).ToArray());
        var chunk = Gen.Frequency((3, random), (2, format), (2, data));
        var soup =
            from rf64 in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
            from count in Gen.Choose(0, 12)
            from chunks in Gen.ListOf(chunk, count)
            select Build(rf64, chunks);
        return soup.ToArbitrary();
    }

    private static DamagedFile Apply(byte[] original, IEnumerable<Edit> edits)
    {
        var bytes = original.ToArray();
        var done = new List<string>();
        foreach (var e in edits)
        {
            switch (e.Kind)
            {
                case Kind.Byte when bytes.Length > 0:
                    int at = e.Where % Math.Min(bytes.Length, 96);
                    bytes[at] = (byte)e.Value;
                    done.Add($"byte[{at}]=0x{(byte)e.Value:X2}");
                    break;
                case Kind.Size when bytes.Length >= 4:
                    int pos = e.Where % (Math.Min(bytes.Length, 96) - 3);
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(pos), e.Value);
                    done.Add($"u32[{pos}]=0x{e.Value:X8}");
                    break;
                case Kind.ChunkSize:
                    var sizes = ChunkSizeOffsets(bytes);
                    if (sizes.Count == 0)
                        break;
                    int field = sizes[e.Where % sizes.Count];
                    BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(field), e.Value);
                    done.Add($"size@{field}=0x{e.Value:X8}");
                    break;
                case Kind.Truncate:
                    int keep = e.Where % (bytes.Length + 1);
                    bytes = bytes[..keep];
                    done.Add($"truncate to {keep}");
                    break;
            }
        }
        return new DamagedFile(bytes, string.Join(", ", done));
    }

    // Offsets of the RIFF size and of every chunk size field, found by a plain walk of the undamaged layout.
    private static List<int> ChunkSizeOffsets(byte[] bytes)
    {
        var offsets = new List<int>();
        if (bytes.Length >= 8)
            offsets.Add(4);
        for (long p = 12; p + 8 <= bytes.Length; )
        {
            offsets.Add((int)p + 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)p + 4));
            p += 8 + (long)size + (size & 1);
        }
        return offsets;
    }

    // fmt bodies (bytes 20..36 or 20..60 of a built file) for 16-bit mono, 8-bit stereo, EXTENSIBLE float and mu-law.
    private static readonly byte[][] Formats =
    [
        new WaveFileBuilder().Build()[20..36],
        new WaveFileBuilder().Format(1, 2, 8000, 8).Build()[20..36],
        new WaveFileBuilder().Format(3, 2, 48000, 32).Extensible(3).Build()[20..60],
        new WaveFileBuilder().Format(7, 1, 8000, 8).Build()[20..36],
    ];

    private static ChunkSoup Build(bool rf64, List<(string Kind, string Id, uint Size, byte[] Body)> chunks)
    {
        using var file = new MemoryStream();
        file.Write(rf64 ? "RF64"u8 : "RIFF"u8);
        file.Write(BitConverter.GetBytes(0xFFFFFFFFu));
        file.Write("WAVE"u8);
        foreach (var (_, id, size, body) in chunks)
        {
            file.Write(System.Text.Encoding.Latin1.GetBytes(id));
            file.Write(BitConverter.GetBytes(size));
            file.Write(body);
        }
        return new ChunkSoup(file.ToArray(), string.Join(" ", chunks.Select(c => $"{c.Id.Replace('\0', '_')}({c.Size},{c.Body.Length})")));
    }
}
