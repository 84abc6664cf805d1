namespace Moecraft.Federation;

/// <summary>
/// How much of a received packet a node checks again before it stores it (SPEC 6, issue 15). <see cref="Full"/>:
/// everything <see cref="PacketVerifier"/> checks (form, canonical content, content hash, id, the origin's signature).
/// <see cref="Form"/>: the form only (<see cref="PacketVerifier.FormFailure"/>), for packets a node of this cluster served
/// over a grain call, which were fully verified where they entered the cluster or signed there (see <see cref="InClusterPulls"/>).
/// </summary>
public enum PacketChecks
{
    Full,
    Form,
}
