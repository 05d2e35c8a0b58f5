using System.Runtime.InteropServices;
using Google.Protobuf;
using LightSerNet.Onnx.Proto;

namespace LightSerNet.Onnx.Export;

/// <summary>Builds and reads dense ONNX tensors (little-endian raw_data, as onnx.numpy_helper writes them).</summary>
internal static class TensorProtos
{
    public static TensorProto Float(string name, ReadOnlySpan<float> data, long[] shape) =>
        Raw(name, TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(data), sizeof(float), shape);

    public static TensorProto Float16(string name, ReadOnlySpan<Half> data, long[] shape) =>
        Raw(name, TensorProto.Types.DataType.Float16, MemoryMarshal.AsBytes(data), 2, shape);

    public static TensorProto Int8(string name, ReadOnlySpan<sbyte> data, long[] shape) =>
        Raw(name, TensorProto.Types.DataType.Int8, MemoryMarshal.AsBytes(data), 1, shape);

    public static TensorProto UInt8(string name, ReadOnlySpan<byte> data, long[] shape) =>
        Raw(name, TensorProto.Types.DataType.Uint8, data, 1, shape);

    public static TensorProto Int32(string name, ReadOnlySpan<int> data, long[] shape) =>
        Raw(name, TensorProto.Types.DataType.Int32, MemoryMarshal.AsBytes(data), sizeof(int), shape);

    public static TensorProto Int64(string name, long[] values)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.Add(values.Length);
        proto.Int64Data.AddRange(values);
        return proto;
    }

    /// <summary>The values of a float tensor, from raw_data or float_data.</summary>
    public static float[] ReadFloats(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
            throw new ArgumentException($"Tensor '{tensor.Name}' is of ONNX type {tensor.DataType}, not float.", nameof(tensor));
        if (!tensor.HasRawData)
            return tensor.FloatData.ToArray();
        var bytes = tensor.RawData.ToByteArray();
        if (!BitConverter.IsLittleEndian)
            Swap(bytes, sizeof(float));
        return MemoryMarshal.Cast<byte, float>(bytes).ToArray();
    }

    private static TensorProto Raw(string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> bytes, int elementSize, long[] shape)
    {
        var proto = new TensorProto { Name = name, DataType = (int)type };
        proto.Dims.AddRange(shape);
        var copy = bytes.ToArray();
        // ONNX stores raw_data little-endian whatever the machine.
        if (!BitConverter.IsLittleEndian && elementSize > 1)
            Swap(copy, elementSize);
        proto.RawData = ByteString.CopyFrom(copy);
        return proto;
    }

    private static void Swap(byte[] bytes, int elementSize)
    {
        for (int i = 0; i < bytes.Length; i += elementSize)
            Array.Reverse(bytes, i, elementSize);
    }
}
