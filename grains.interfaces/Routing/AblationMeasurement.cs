namespace Moecraft.Routing;

/// <summary>
/// An ablation test of one expert, measured by the trainer on held-out batches and sent with a trace (SPEC 3.6): the
/// loss as the layer routes and with <see cref="Slot"/> masked (its gate mass renormalised over the other selected
/// experts), over <see cref="Batches"/> batches. A prune needs it: masking must not make the loss worse beyond a tolerance.
/// </summary>
[GenerateSerializer, Immutable, Alias("moecraft.AblationMeasurement")]
public sealed record AblationMeasurement(
    [property: Id(0)] int Slot,
    [property: Id(1)] double BaselineLoss,
    [property: Id(2)] double MaskedLoss,
    [property: Id(3)] int Batches);
