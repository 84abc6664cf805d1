namespace Moecraft.Experts;

/// <summary>Price class of an expert: cheap local models versus premium remote ones.</summary>
[GenerateSerializer, Alias("moecraft.ExpertTier")]
public enum ExpertTier
{
    Local = 0,
    Standard = 1,
    Premium = 2,
}
