namespace Moecraft.Gating;

/// <summary>Whether several answers of one expert to one prompt commit to the same final answer (<see cref="AnswerAgreement"/>).</summary>
public enum SampleAgreement
{
    /// <summary>Fewer than two of the answers commit to a final answer: nothing to compare.</summary>
    Unknown = 0,

    /// <summary>Every answer that commits to a final answer commits to the same one, and at least two do.</summary>
    Agree = 1,

    /// <summary>Two answers commit to different final answers.</summary>
    Disagree = 2,
}
