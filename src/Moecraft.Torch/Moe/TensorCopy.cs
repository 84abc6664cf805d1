using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Moecraft.Torch.Moe;

/// <summary>
/// Copies a CPU tensor's elements into a .NET array in one block move. <c>data&lt;T&gt;().ToArray()</c> walks the
/// elements one by one through an index iterator (about 45 us per thousand floats), which would dominate the trace reducer.
/// </summary>
internal static class TensorCopy
{
    internal static float[] ToFloats(Tensor source) => Copy<float>(source, ScalarType.Float32);

    internal static long[] ToLongs(Tensor source) => Copy<long>(source, ScalarType.Int64);

    private static T[] Copy<T>(Tensor source, ScalarType expected) where T : unmanaged
    {
        if (source.dtype != expected)
            throw new ArgumentException($"Expected a {expected} tensor; got {source.dtype}.", nameof(source));
        if (source.is_contiguous()) return MemoryMarshal.Cast<byte, T>(source.bytes).ToArray();
        using var contiguous = source.contiguous();
        return MemoryMarshal.Cast<byte, T>(contiguous.bytes).ToArray();
    }
}
