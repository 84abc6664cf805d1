using System.Text.Json;
using System.Text.RegularExpressions;
using Moecraft.Routing;

namespace Moecraft.Requests;

/// <summary>Checks a request's generation options (OpenAI's limits where it sets them); every rejection names the option.</summary>
public static partial class RequestOptionsValidator
{
    public const int MaxOutputTokens = 32_768;
    public const int MaxStopSequences = 4;
    public const int MaxTools = 128;

    public static void Validate(RequestOptions? options)
    {
        if (options is null) return;
        if (options.Temperature is { } t && !(t >= 0 && t <= 2))
            throw new ArgumentException($"The temperature must be in [0, 2], got {t}.", nameof(options));
        if (options.MaxOutputTokens is { } max && max is < 1 or > MaxOutputTokens)
            throw new ArgumentException($"The maximum output tokens must be between 1 and {MaxOutputTokens}, got {max}.", nameof(options));
        if (options.TopP is { } p && !(p > 0 && p <= 1))
            throw new ArgumentException($"top_p must be in (0, 1], got {p}.", nameof(options));
        if (options.StopSequences.Length > MaxStopSequences)
            throw new ArgumentException($"At most {MaxStopSequences} stop sequences are allowed, got {options.StopSequences.Length}.", nameof(options));
        if (options.StopSequences.Any(s => string.IsNullOrEmpty(s)))
            throw new ArgumentException("A stop sequence must not be empty.", nameof(options));
        if (options.User is { Length: > 256 })
            throw new ArgumentException("The user id has at most 256 characters.", nameof(options));

        ValidateFormat(options.ResponseFormat);
        ValidateTools(options);
    }

    private static void ValidateFormat(ResponseFormatSpec? format)
    {
        if (format is null) return;
        switch (format.Type)
        {
            case ResponseFormatSpec.Text or ResponseFormatSpec.JsonObject:
                return;
            case ResponseFormatSpec.JsonSchema:
                if (string.IsNullOrWhiteSpace(format.SchemaName) || !FunctionName().IsMatch(format.SchemaName))
                    throw new ArgumentException("response_format json_schema needs a name of 1-64 letters, digits, underscores or dashes.", nameof(format));
                RequireJsonObject(format.Schema, "response_format json_schema's schema");
                return;
            default:
                throw new ArgumentException($"response_format type must be text, json_object or json_schema, not '{format.Type}'.", nameof(format));
        }
    }

    private static void ValidateTools(RequestOptions options)
    {
        var tools = options.ToolList;
        if (tools.Length > MaxTools) throw new ArgumentException($"At most {MaxTools} tools are allowed, got {tools.Length}.", nameof(options));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            if (tool is null || string.IsNullOrEmpty(tool.Name) || !FunctionName().IsMatch(tool.Name))
                throw new ArgumentException($"A tool's function name must be 1-64 letters, digits, underscores or dashes, not '{tool?.Name}'.", nameof(options));
            if (!names.Add(tool.Name)) throw new ArgumentException($"Tool '{tool.Name}' is defined twice.", nameof(options));
            if (tool.Parameters is not null) RequireJsonObject(tool.Parameters, $"parameters of tool '{tool.Name}'");
        }

        if (options.ToolChoice is not { } choice) return;
        switch (choice.Mode)
        {
            case ToolChoice.Auto or ToolChoice.None:
                return;
            case ToolChoice.Required when tools.Length == 0:
                throw new ArgumentException("tool_choice 'required' needs at least one tool.", nameof(options));
            case ToolChoice.Required:
                return;
            case ToolChoice.Function when choice.FunctionName is null || !names.Contains(choice.FunctionName):
                throw new ArgumentException($"tool_choice names function '{choice.FunctionName}', which is not among the request's tools.", nameof(options));
            case ToolChoice.Function:
                return;
            default:
                throw new ArgumentException($"tool_choice must be auto, none, required or a function, not '{choice.Mode}'.", nameof(options));
        }
    }

    private static void RequireJsonObject(string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException($"The {what} is missing.", nameof(text));
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new ArgumentException($"The {what} must be a JSON object.", nameof(text));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The {what} is not valid JSON: {e.Message}", nameof(text));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex FunctionName();
}
