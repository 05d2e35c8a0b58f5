using System.Buffers.Binary;
using System.Text;

namespace LightSerNet.Audio.Wave;

/// <summary>
/// Reads RIFF/WAVE (and RF64) files by walking their chunks. Declared sizes are checked against the
/// real file length before anything is allocated, so a hostile header can neither hang the reader
/// nor make it allocate more than the file holds.
/// </summary>
public static class WaveReader
{
    private const uint StreamingSize = 0xFFFFFFFF;
    private const int ExtensibleTag = 0xFFFE;

    // Chunk ids as little-endian integers, so walking many chunks allocates nothing.
    private const uint FmtId = 0x20746D66;   // "fmt "
    private const uint DataId = 0x61746164;  // "data"
    private const uint Ds64Id = 0x34367364;  // "ds64"

    // KSDATAFORMAT_SUBTYPE_* GUIDs share these bytes after their 2-byte format code.
    private static ReadOnlySpan<byte> SubFormatTail =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>Reads and validates the header of the file at <paramref name="path"/>.</summary>
    public static WaveHeader ReadHeader(string path)
    {
        using var stream = OpenRead(path);
        return ReadHeader(stream, path);
    }

    /// <summary>Reads and validates the header of a seekable stream; <paramref name="name"/> names it in errors.</summary>
    public static WaveHeader ReadHeader(Stream stream, string name)
    {
        long length = stream.Length;
        if (length == 0)
            throw new WaveFormatException(name, WaveProblem.Empty, "is empty (0 bytes).");

        Span<byte> head = stackalloc byte[12];
        stream.Position = 0;
        int got = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        string riff = got >= 4 ? Ascii(head[..4]) : "";
        bool isRf64 = riff == "RF64";
        if ((riff != "RIFF" && !isRf64) || (got == 12 && Ascii(head[8..12]) != "WAVE"))
        {
            string found = riff == "RIFX" ? "a big-endian RIFX header, which is not supported" : "no RIFF/WAVE header";
            throw new WaveFormatException(name, WaveProblem.NotWave, $"is not a WAV file: it starts with {found}.");
        }
        if (got < 12)
            throw new WaveFormatException(name, WaveProblem.Truncated, $"is truncated: it ends inside the RIFF header ({length} bytes).");

        FormatChunk? format = null;
        long dataOffset = -1, dataLength = 0;
        ulong ds64DataSize = 0;
        Span<byte> chunkHead = stackalloc byte[8];
        Span<byte> unpadded = stackalloc byte[8];
        Span<byte> ds64 = stackalloc byte[24];
        long position = 12;
        bool previousOdd = false;
        while (position + 8 <= length)
        {
            ReadExactly(stream, position, chunkHead);
            if (previousOdd && !IsChunkId(chunkHead[..4]))
            {
                // Some writers omit the pad byte after an odd-sized chunk: accept the id one byte earlier.
                ReadExactly(stream, position - 1, unpadded);
                if (IsChunkId(unpadded[..4]))
                {
                    position--;
                    unpadded.CopyTo(chunkHead);
                }
            }
            uint id = BinaryPrimitives.ReadUInt32LittleEndian(chunkHead);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHead[4..]);
            long body = position + 8;
            long available = length - body;
            long chunkSize = size;

            switch (id)
            {
                case Ds64Id when isRf64:
                    if (size < 24 || size > available)
                        throw new WaveFormatException(name, WaveProblem.Truncated, "is truncated: its RF64 'ds64' chunk is incomplete.");
                    ReadExactly(stream, body, ds64);
                    ds64DataSize = BinaryPrimitives.ReadUInt64LittleEndian(ds64[8..16]);
                    break;
                case FmtId:
                    if (size > available)
                        throw new WaveFormatException(name, WaveProblem.Truncated, $"is truncated: its 'fmt ' chunk declares {size} bytes but only {available} follow.");
                    format = ParseFormat(stream, body, size, name);
                    break;
                case DataId:
                    dataOffset = body;
                    ulong declared = isRf64 && size == StreamingSize ? ds64DataSize : size;
                    bool streaming = declared == 0 || declared == StreamingSize;
                    if (streaming)
                    {
                        // A streaming writer never came back to fill in the size: the audio runs to the end of the file.
                        dataLength = available;
                    }
                    else if (declared > (ulong)available)
                    {
                        throw new WaveFormatException(name, WaveProblem.Truncated,
                            $"is truncated: its data chunk declares {declared} bytes of audio but only {available} follow.");
                    }
                    else
                    {
                        dataLength = (long)declared;
                    }
                    if (streaming || format is not null)
                        return Complete(format, dataOffset, dataLength, name);
                    chunkSize = dataLength;
                    break;
            }

            previousOdd = (chunkSize & 1) == 1;
            position = body + chunkSize + (chunkSize & 1);
        }

        return Complete(format, dataOffset, dataLength, name);
    }

    /// <summary>Decodes the whole file and mixes its channels to mono, at the file's own sample rate.</summary>
    public static AudioClip ReadMono(string path)
    {
        using var stream = OpenRead(path);
        return ReadMono(stream, path);
    }

    /// <summary>Decodes a seekable stream and mixes its channels to mono; <paramref name="name"/> names it in errors.</summary>
    public static AudioClip ReadMono(Stream stream, string name)
    {
        var header = ReadHeader(stream, name);
        if (header.FrameCount == 0)
            throw new WaveFormatException(name, WaveProblem.NoSamples, "contains no audio samples.");
        if (header.FrameCount > Array.MaxLength)
            throw new WaveFormatException(name, WaveProblem.InvalidFormat, $"holds {header.FrameCount} frames, more than one clip can hold in memory.");

        var samples = new float[header.FrameCount];
        // Decode in blocks of whole frames so memory stays at the output plus one small buffer.
        int framesPerBlock = Math.Max(1, 65536 / header.BlockAlign);
        var buffer = new byte[framesPerBlock * header.BlockAlign];
        stream.Position = header.DataOffset;
        long done = 0;
        while (done < header.FrameCount)
        {
            int frames = (int)Math.Min(framesPerBlock, header.FrameCount - done);
            var block = buffer.AsSpan(0, frames * header.BlockAlign);
            stream.ReadExactly(block);
            SampleDecoder.MixToMono(block, header, samples.AsSpan((int)done, frames));
            done += frames;
        }
        return new AudioClip(samples, header.SampleRate);
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    private sealed record FormatChunk(int Tag, int Channels, int SampleRate, int BlockAlign, int BitsPerSample);

    private static FormatChunk ParseFormat(Stream stream, long body, uint size, string name)
    {
        if (size < 16)
            throw new WaveFormatException(name, WaveProblem.InvalidFormat, $"has a 'fmt ' chunk of {size} bytes; at least 16 are required.");
        Span<byte> fmt = stackalloc byte[40];
        var used = fmt[..(int)Math.Min(size, 40u)];
        ReadExactly(stream, body, used);
        int tag = BinaryPrimitives.ReadUInt16LittleEndian(used);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(used[2..]);
        uint rate = BinaryPrimitives.ReadUInt32LittleEndian(used[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(used[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(used[14..]);
        if (tag == ExtensibleTag)
        {
            if (used.Length < 40)
                throw new WaveFormatException(name, WaveProblem.InvalidFormat, "declares WAVE_FORMAT_EXTENSIBLE but its 'fmt ' chunk is too short to hold the sub-format.");
            var subFormat = used[24..40];
            if (!subFormat[2..].SequenceEqual(SubFormatTail))
                throw new WaveFormatException(name, WaveProblem.UnsupportedEncoding, "uses a WAVE_FORMAT_EXTENSIBLE sub-format that is not PCM, IEEE float, A-law or mu-law.");
            tag = BinaryPrimitives.ReadUInt16LittleEndian(subFormat);
        }
        if (rate == 0 || rate > 10_000_000)
            throw new WaveFormatException(name, WaveProblem.InvalidFormat, $"declares a sample rate of {rate} Hz.");
        return new FormatChunk(tag, channels, (int)rate, blockAlign, bits);
    }

    private static WaveHeader Complete(FormatChunk? format, long dataOffset, long dataLength, string name)
    {
        if (format is null)
            throw new WaveFormatException(name, WaveProblem.MissingFormat, "has no 'fmt ' chunk, so its sample format is unknown.");
        if (dataOffset < 0)
            throw new WaveFormatException(name, WaveProblem.MissingData, "has no 'data' chunk.");

        var encoding = format.Tag switch
        {
            1 => WaveEncoding.Pcm,
            3 => WaveEncoding.IeeeFloat,
            6 => WaveEncoding.ALaw,
            7 => WaveEncoding.MuLaw,
            _ => throw new WaveFormatException(name, WaveProblem.UnsupportedEncoding,
                $"uses {EncodingName(format.Tag)} (format 0x{format.Tag:X4}), which is not supported; convert it to PCM, e.g. 'sox in.wav -e signed -b 16 out.wav'."),
        };
        if (format.Channels == 0)
            throw new WaveFormatException(name, WaveProblem.InvalidFormat, "declares 0 channels.");
        bool validBits = encoding switch
        {
            WaveEncoding.Pcm => format.BitsPerSample is 8 or 16 or 24 or 32,
            WaveEncoding.IeeeFloat => format.BitsPerSample is 32 or 64,
            _ => format.BitsPerSample == 8,
        };
        if (!validBits)
            throw new WaveFormatException(name, WaveProblem.UnsupportedEncoding,
                $"uses {format.BitsPerSample}-bit {encoding} samples, which are not supported.");
        int frameBytes = format.Channels * (format.BitsPerSample / 8);
        if (format.BlockAlign != frameBytes)
            throw new WaveFormatException(name, WaveProblem.InvalidFormat,
                $"declares {format.BlockAlign} bytes per frame, but {format.Channels} channel(s) of {format.BitsPerSample}-bit samples need {frameBytes}.");
        return new WaveHeader(encoding, format.Channels, format.SampleRate, format.BitsPerSample, format.BlockAlign, dataOffset, dataLength);
    }

    private static string EncodingName(int tag) => tag switch
    {
        0x0002 => "Microsoft ADPCM",
        0x0011 => "IMA ADPCM",
        0x0031 => "GSM 6.10",
        0x0050 => "MPEG audio",
        0x0055 => "MP3",
        _ => "an unknown encoding",
    };

    private static void ReadExactly(Stream stream, long position, Span<byte> into)
    {
        stream.Position = position;
        stream.ReadExactly(into);
    }

    private static bool IsChunkId(ReadOnlySpan<byte> id)
    {
        foreach (byte b in id)
            if (b is < 0x20 or > 0x7E)
                return false;
        return true;
    }

    private static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);
}
