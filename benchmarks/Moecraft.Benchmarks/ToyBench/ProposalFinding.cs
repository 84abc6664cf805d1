namespace Moecraft.Benchmarks.ToyBench;

/// <summary>A lifecycle decision a router layer recorded that chose an edit (dry run: proposed, not executed).</summary>
internal sealed record ProposalFinding(long Step, string Edit, int[] Slots, string Status, string Summary)
{
    public string Describe() => $"{Edit.ToLowerInvariant()} [{string.Join(",", Slots)}] @ step {Step}";
}
