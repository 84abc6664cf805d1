namespace Moecraft.Tenants;

/// <summary>A key's admission decision and the state of its limits after it.</summary>
/// <param name="Admitted">False when a limit refused the request.</param>
/// <param name="RetryAfter">When refused: the wait until the refusing limit admits a request; zero otherwise.</param>
/// <param name="Requests">The requests-per-minute limit.</param>
/// <param name="Tokens">The tokens-per-minute limit, or null when the key has none.</param>
public readonly record struct KeyAdmission(bool Admitted, TimeSpan RetryAfter, LimitState Requests, LimitState? Tokens);
