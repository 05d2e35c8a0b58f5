using LightSerNet.Audio.Wave;

namespace LightSerNet.Audio.Tests;

/// <summary>
/// Reads an untrusted file the way the module does and checks the three promises a reader of hostile input
/// must keep: it returns, it fails only with <see cref="WaveFormatException"/>, and it allocates in proportion
/// to the file, not to what the header claims.
/// </summary>
internal static class HostileRead
{
    // Generous enough for a slow CI box; a reader that loops forever never gets there.
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    /// <summary>The decoded samples are 4 bytes a frame and a frame is at least 1 byte, so 8x the file plus slack for buffers.</summary>
    public static long AllocationBound(long fileLength) => 8 * fileLength + (1 << 20);

    /// <summary>Returns the clip, or null when the reader rejected the file with a <see cref="WaveFormatException"/>.</summary>
    public static AudioClip? Read(byte[] file, string name = "hostile.wav")
    {
        var work = Task.Run(() =>
        {
            AudioClip? clip = null;
            WaveHeader? header = null;
            Exception? error = null;
            long allocated = 0;
            try
            {
                var stream = new MemoryStream(file, writable: false);
                // Measured on the thread that does the work (the counter is per thread), around the decode alone.
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    clip = WaveReader.ReadMono(stream, name);
                }
                finally
                {
                    allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                }
                header = WaveReader.ReadHeader(new MemoryStream(file, writable: false), name);
            }
            catch (Exception e)
            {
                error = e;
            }
            return (clip, header, error, allocated);
        });
        Assert.True(work.Wait(HangLimit), $"the reader did not return within {HangLimit.TotalSeconds} s on a {file.Length}-byte file");
        var (clip, header, error, allocated) = work.Result;

        Assert.True(allocated <= AllocationBound(file.Length),
            $"reading a {file.Length}-byte file allocated {allocated} bytes (bound {AllocationBound(file.Length)})");
        if (error is not null)
        {
            var wave = Assert.IsType<WaveFormatException>(error);
            Assert.Contains(name, wave.Message);
            Assert.True(Enum.IsDefined(wave.Problem));
            return null;
        }
        // Whatever the reader accepts must lie inside the file and be decoded in full.
        Assert.NotNull(header);
        Assert.NotNull(clip);
        Assert.InRange(header.DataOffset, 12, file.Length);
        Assert.InRange(header.DataLength, 0, file.Length - header.DataOffset);
        Assert.Equal(header.FrameCount, clip.Samples.Length);
        Assert.Equal(header.SampleRate, clip.SampleRate);
        Assert.True(header.Channels > 0 && header.BlockAlign == header.Channels * header.BitsPerSample / 8);
        return clip;
    }
}
