namespace Moecraft.Benchmarks.Gateway;

/// <summary>Whether an arm could be measured.</summary>
internal enum ArmStatus
{
    Ok,

    /// <summary>The arm is not there to measure (the silo has no OpenAI API yet: 404; npm missing): reported, not a failure.</summary>
    NotAvailable,

    /// <summary>The arm answered wrongly or not at all: reported, and the run's exit code is 1.</summary>
    Failed,
}
