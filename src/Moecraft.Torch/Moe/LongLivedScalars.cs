using TorchSharp;

namespace Moecraft.Torch.Moe;

/// <summary>
/// Scalars for native calls, kept alive for the process. A Scalar created inline (<c>x.add(y)</c> passes an implicit
/// alpha of 1) becomes unreachable once its handle is read, so a GC during the native call can finalize it while the
/// call still reads it. Passing one of these avoids that on the hot path.
/// </summary>
internal static class LongLivedScalars
{
    internal static readonly Scalar One = 1.0f;
}
