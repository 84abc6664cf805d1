using Moecraft.Experts;

namespace Moecraft.Requests;

/// <summary>An expert of the plan and the answer it gave.</summary>
public sealed record AnsweredBy(PlannedExpert Expert, ExpertAnswer Answer);
