namespace LightSerNet.Audio.Wave;

/// <summary>ITU-T G.711 expansion of A-law and mu-law bytes to linear samples in [-1, 1].</summary>
internal static class G711
{
    public static float ALawToFloat(byte code)
    {
        int a = code ^ 0x55;
        int exponent = (a >> 4) & 0x07;
        int mantissa = a & 0x0F;
        int magnitude = exponent == 0
            ? (mantissa << 4) + 8
            : ((mantissa << 4) + 0x108) << (exponent - 1);
        return ((a & 0x80) != 0 ? magnitude : -magnitude) / 32768f;
    }

    public static float MuLawToFloat(byte code)
    {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
        return ((u & 0x80) != 0 ? -magnitude : magnitude) / 32768f;
    }
}
