namespace Moecraft.Governance;

[GenerateSerializer, Alias("moecraft.GovernanceEventKind")]
public enum GovernanceEventKind
{
    PolicyChanged = 0,
    Halted = 1,
    Resumed = 2,
}
