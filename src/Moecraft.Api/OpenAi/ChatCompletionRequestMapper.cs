using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Moecraft.Routing;

namespace Moecraft.Api.OpenAi;

/// <summary>
/// Maps OpenAI's chat completion request onto the cluster's <see cref="AskRequest"/>: messages to turns, sampling,
/// stop, seed, response format and tools to <see cref="RequestOptions"/>, the resolved model to router and policy.
/// Everything the cluster cannot honour is refused here with a 400 that names the field.
/// </summary>
public static partial class ChatCompletionRequestMapper
{
    public const int MaxStopSequences = 4;

    /// <summary>A new OpenAI-style completion id; also the cluster's request id (feedback names it).</summary>
    public static string NewRequestId() => "chatcmpl-" + Guid.NewGuid().ToString("N");

    /// <param name="request">The parsed body.</param>
    /// <param name="route">Where <c>model</c> resolved to.</param>
    /// <param name="requestId">The completion's id.</param>
    /// <param name="tenantId">The tenant, from the credential's claim only.</param>
    /// <exception cref="OpenAiRequestException">A request the cluster cannot answer as asked.</exception>
    public static AskRequest Map(ChatCompletionRequest request, ModelRoute route, string requestId, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(route);
        if (request.N is { } n && n != 1)
            throw n > 1
                ? OpenAiRequestException.BadRequest($"n = {n} is not supported: Moecraft answers with one choice (use n = 1).", "n", "unsupported_parameter")
                : OpenAiRequestException.BadRequest($"Invalid value for 'n': it must be at least 1, got {n}.", "n");
        var turns = Turns(request.Messages);
        return new AskRequest(
            RequestId: requestId,
            // A request carries a prompt or messages, never both: routing reads the conversation's text (AskRequest.RoutingText).
            Prompt: "",
            Options: Options(request),
            TenantId: tenantId,
            Policy: route.Policy,
            Messages: turns);
    }

    public static ImmutableArray<ChatTurn> Turns(IReadOnlyList<ChatMessageDto>? messages)
    {
        if (messages is null || messages.Count == 0)
            throw OpenAiRequestException.BadRequest("'messages' must be a non-empty array of messages.", "messages", "missing_required_parameter");
        var turns = ImmutableArray.CreateBuilder<ChatTurn>(messages.Count);
        for (var i = 0; i < messages.Count; i++) turns.Add(Turn(messages[i], $"messages[{i}]"));
        return turns.MoveToImmutable();
    }

    public static RequestOptions Options(ChatCompletionRequest request)
    {
        if (request.Temperature is { } t && !(t >= 0 && t <= 2))
            throw OpenAiRequestException.BadRequest($"Invalid value for 'temperature': it must be between 0 and 2, got {t}.", "temperature");
        if (request.TopP is { } p && !(p > 0 && p <= 1))
            throw OpenAiRequestException.BadRequest($"Invalid value for 'top_p': it must be in (0, 1], got {p}.", "top_p");
        var (maxTokens, maxField) = request.MaxCompletionTokens is { } completion ? (completion, "max_completion_tokens") : (request.MaxTokens, "max_tokens");
        if (maxTokens is < 1) throw OpenAiRequestException.BadRequest($"Invalid value for '{maxField}': it must be at least 1, got {maxTokens}.", maxField);
        return new RequestOptions(
            Temperature: request.Temperature,
            MaxOutputTokens: maxTokens,
            TopP: request.TopP,
            Stop: Stop(request.Stop),
            Seed: request.Seed,
            User: request.User,
            ResponseFormat: ResponseFormat(request.ResponseFormat),
            Tools: Tools(request.Tools),
            ToolChoice: ToolChoiceOf(request.ToolChoice));
    }

    /// <summary><c>stop</c>: a string or an array of up to four strings.</summary>
    public static ImmutableArray<string> Stop(JsonElement? stop)
    {
        if (stop is not { } value || value.ValueKind == JsonValueKind.Null) return [];
        if (value.ValueKind == JsonValueKind.String) return [value.GetString()!];
        if (value.ValueKind != JsonValueKind.Array)
            throw TypeError("stop", "a string or an array of strings", value);
        if (value.GetArrayLength() > MaxStopSequences)
            throw OpenAiRequestException.BadRequest($"Invalid value for 'stop': at most {MaxStopSequences} sequences, got {value.GetArrayLength()}.", "stop");
        var sequences = ImmutableArray.CreateBuilder<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String) throw TypeError($"stop[{i}]", "a string", item);
            sequences.Add(item.GetString()!);
            i++;
        }
        return sequences.ToImmutable();
    }

    public static ResponseFormatSpec? ResponseFormat(ResponseFormatDto? format)
    {
        if (format is null) return null;
        switch (format.Type)
        {
            case ResponseFormatSpec.Text:
                return null;
            case ResponseFormatSpec.JsonObject:
                return new ResponseFormatSpec(ResponseFormatSpec.JsonObject);
            case ResponseFormatSpec.JsonSchema:
                if (format.JsonSchema is not { Name: { Length: > 0 } name } schema)
                    throw OpenAiRequestException.BadRequest("'response_format.json_schema' with a 'name' is required for the json_schema type.", "response_format.json_schema");
                return new ResponseFormatSpec(ResponseFormatSpec.JsonSchema, name, RawOrNull(schema.Schema), schema.Strict);
            default:
                throw OpenAiRequestException.BadRequest(
                    $"Invalid value for 'response_format.type': '{format.Type}'. Supported values are 'text', 'json_object' and 'json_schema'.", "response_format.type");
        }
    }

    public static ImmutableArray<ToolSpec> Tools(IReadOnlyList<ToolDto>? tools)
    {
        if (tools is null || tools.Count == 0) return [];
        var specs = ImmutableArray.CreateBuilder<ToolSpec>(tools.Count);
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i];
            if (tool.Type != "function")
                throw OpenAiRequestException.BadRequest($"Invalid value for 'tools[{i}].type': '{tool.Type}'. Only 'function' tools are supported.", $"tools[{i}].type");
            if (tool.Function is not { Name: { } name } function || !FunctionName().IsMatch(name))
                throw OpenAiRequestException.BadRequest(
                    $"'tools[{i}].function.name' must be 1-64 letters, digits, underscores or dashes.", $"tools[{i}].function.name");
            specs.Add(new ToolSpec(name, function.Description, RawOrNull(function.Parameters), function.Strict));
        }
        return specs.MoveToImmutable();
    }

    /// <summary><c>tool_choice</c>: <c>auto</c>, <c>none</c>, <c>required</c>, or <c>{"type":"function","function":{"name":...}}</c>.</summary>
    public static ToolChoice? ToolChoiceOf(JsonElement? choice)
    {
        if (choice is not { } value || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String)
        {
            var mode = value.GetString();
            return mode is ToolChoice.Auto or ToolChoice.None or ToolChoice.Required
                ? new ToolChoice(mode)
                : throw OpenAiRequestException.BadRequest(
                    $"Invalid value for 'tool_choice': '{mode}'. Supported values are 'auto', 'none', 'required' or a function.", "tool_choice");
        }
        if (value.ValueKind != JsonValueKind.Object) throw TypeError("tool_choice", "a string or an object", value);
        if (value.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() is { Length: > 0 } named)
            return new ToolChoice(ToolChoice.Function, named);
        throw OpenAiRequestException.BadRequest("'tool_choice' as an object must be {\"type\": \"function\", \"function\": {\"name\": ...}}.", "tool_choice.function.name");
    }

    private static ChatTurn Turn(ChatMessageDto message, string at)
    {
        var role = message.Role switch
        {
            "system" or "developer" => ChatTurnRole.System,
            "user" => ChatTurnRole.User,
            "assistant" => ChatTurnRole.Assistant,
            "tool" => ChatTurnRole.Tool,
            null => throw OpenAiRequestException.BadRequest($"Missing required parameter: '{at}.role'.", $"{at}.role", "missing_required_parameter"),
            var other => throw OpenAiRequestException.BadRequest(
                $"Invalid value for '{at}.role': '{other}'. Supported values are 'system', 'developer', 'user', 'assistant' and 'tool'.", $"{at}.role"),
        };
        var calls = role == ChatTurnRole.Assistant ? Calls(message.ToolCalls, at) : [];
        var content = Content(message.Content, $"{at}.content");
        if (content is null && calls.IsEmpty)
            throw OpenAiRequestException.BadRequest($"Missing required parameter: '{at}.content'.", $"{at}.content", "missing_required_parameter");
        if (role == ChatTurnRole.Tool && string.IsNullOrEmpty(message.ToolCallId))
            throw OpenAiRequestException.BadRequest($"Missing required parameter: '{at}.tool_call_id'.", $"{at}.tool_call_id", "missing_required_parameter");
        return new ChatTurn(role, content ?? string.Empty, message.Name, role == ChatTurnRole.Tool ? message.ToolCallId : null, calls);
    }

    /// <summary>A message's content: a string, or an array of text parts joined by newlines; null when absent.</summary>
    public static string? Content(JsonElement? content, string at)
    {
        if (content is not { } value || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        if (value.ValueKind != JsonValueKind.Array) throw TypeError(at, "a string or an array of content parts", value);
        var text = new StringBuilder();
        var i = 0;
        foreach (var part in value.EnumerateArray())
        {
            var partAt = $"{at}[{i++}]";
            if (part.ValueKind != JsonValueKind.Object) throw TypeError(partAt, "an object", part);
            var type = part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (type != "text")
                throw OpenAiRequestException.BadRequest(
                    type is null
                        ? $"Missing required parameter: '{partAt}.type'."
                        : $"Content parts of type '{type}' are not supported: Moecraft's experts take text parts only.",
                    $"{partAt}.type", type is null ? "missing_required_parameter" : "unsupported_content");
            if (!part.TryGetProperty("text", out var partText) || partText.ValueKind != JsonValueKind.String)
                throw OpenAiRequestException.BadRequest($"'{partAt}.text' must be a string.", $"{partAt}.text");
            if (text.Length > 0) text.Append('\n');
            text.Append(partText.GetString());
        }
        return text.ToString();
    }

    private static ImmutableArray<ToolCall> Calls(IReadOnlyList<ToolCallDto>? calls, string at)
    {
        if (calls is null || calls.Count == 0) return [];
        var result = ImmutableArray.CreateBuilder<ToolCall>(calls.Count);
        for (var i = 0; i < calls.Count; i++)
        {
            var call = calls[i];
            var callAt = $"{at}.tool_calls[{i}]";
            if (string.IsNullOrEmpty(call.Id))
                throw OpenAiRequestException.BadRequest($"Missing required parameter: '{callAt}.id'.", $"{callAt}.id", "missing_required_parameter");
            if (call.Function is not { Name: { Length: > 0 } name } function)
                throw OpenAiRequestException.BadRequest($"Missing required parameter: '{callAt}.function.name'.", $"{callAt}.function.name", "missing_required_parameter");
            result.Add(new ToolCall(call.Id, name, function.Arguments ?? "{}"));
        }
        return result.MoveToImmutable();
    }

    private static string? RawOrNull(JsonElement? element) =>
        element is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } value ? value.GetRawText() : null;

    private static OpenAiRequestException TypeError(string field, string expected, JsonElement got) =>
        new(ApiFailure.BadRequest($"Invalid type for '{field}': expected {expected}, but got {OpenAiJson.KindName(got.ValueKind)} instead.", "invalid_type"), field);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex FunctionName();
}
