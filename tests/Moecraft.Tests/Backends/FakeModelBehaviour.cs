namespace Moecraft.Tests.Backends;

/// <summary>What <see cref="FakeModelServer"/> does with one chat request.</summary>
public sealed record FakeModelBehaviour(FakeModelBehaviour.Kinds Kind, string Text = "", int Status = 200, TimeSpan Delay = default, string? ToolName = null)
{
    public enum Kinds
    {
        /// <summary>Answers <see cref="Text"/>, streamed or not as the request asks.</summary>
        Answer,
        /// <summary>Fails with HTTP <see cref="Status"/> and the protocol's error body.</summary>
        Fail,
        /// <summary>Waits <see cref="Delay"/> (or until the client gives up) before answering.</summary>
        SlowFirstToken,
        /// <summary>Streams the first half of <see cref="Text"/>, then drops the connection.</summary>
        DisconnectMidStream,
        /// <summary>Streams the first half of <see cref="Text"/>, then ends the response cleanly without finishing the answer.</summary>
        EndMidStream,
        /// <summary>Answers 200 with a body that is not the protocol's JSON.</summary>
        Malformed,
        /// <summary>Calls the tool <see cref="ToolName"/> with <see cref="Text"/> as its JSON arguments instead of answering (OpenAI protocol, not streamed).</summary>
        CallTool,
    }

    public static FakeModelBehaviour Answer(string text) => new(Kinds.Answer, text);

    public static FakeModelBehaviour Fail(int status) => new(Kinds.Fail, Status: status);

    public static FakeModelBehaviour SlowFirstToken(TimeSpan delay, string text = "late answer") => new(Kinds.SlowFirstToken, text, Delay: delay);

    public static FakeModelBehaviour DisconnectMidStream(string text) => new(Kinds.DisconnectMidStream, text);

    public static FakeModelBehaviour EndMidStream(string text) => new(Kinds.EndMidStream, text);

    public static FakeModelBehaviour Malformed() => new(Kinds.Malformed);

    public static FakeModelBehaviour CallTool(string name, string arguments) => new(Kinds.CallTool, arguments, ToolName: name);
}
