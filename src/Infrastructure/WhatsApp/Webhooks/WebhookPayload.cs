using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;

namespace PesanAI.Infrastructure.WhatsApp.Webhooks;

/// <summary>
/// Parses a (verified) webhook body from Meta into PesanAI's types. Never throws: a body that is not a
/// WhatsApp Business Account payload at all (too large, not UTF-8, not well-formed JSON, duplicate
/// properties, no <c>entry</c> array) returns false with a short reason; otherwise every readable item of
/// every entry and change is returned and each unreadable one is named in <see cref="ParsedWebhook.Problems"/>.
/// </summary>
public static class WebhookPayload
{
    /// <summary>
    /// The one limit of a webhook body, for the endpoint (413 above it) and every read of the body. Meta documents
    /// "up to 3 MB" per POST (and up to 1,000 updates, which take well under 1 MB in Meta's shape): read as MiB, so a
    /// body Meta measured in decimal megabytes fits too. Anything larger is not Meta's.
    /// </summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    public const string WhatsAppBusinessAccount = "whatsapp_business_account";

    // Duplicate properties are refused: the routing read (WebhookRouting) sees every occurrence of a key,
    // and this parse must not pick one the signature check never saw.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <summary>
    /// What the webhook request checks before it appends the body: everything <see cref="TryParse(byte[], out ParsedWebhook?, out string?)"/> refuses a body for
    /// (size, UTF-8, well-formed JSON without duplicate properties, a WhatsApp Business Account object with an entry
    /// array), without mapping its items.
    /// </summary>
    public static bool TryCheck(ReadOnlySpan<byte> utf8Body, [NotNullWhen(false)] out string? error) =>
        TryCheck(utf8Body.ToArray(), out error);

    /// <inheritdoc cref="TryCheck(ReadOnlySpan{byte}, out string?)"/>
    /// <remarks>Reads the array in place: the document is over the caller's bytes, not a copy (the request's path).</remarks>
    public static bool TryCheck(byte[] utf8Body, [NotNullWhen(false)] out string? error)
    {
        if (!TryOpen(utf8Body, out var document, out error))
        {
            return false;
        }

        using (document)
        {
            return TryGetEntries(document.RootElement, out _, out error);
        }
    }

    public static bool TryParse(ReadOnlySpan<byte> utf8Body, [NotNullWhen(true)] out ParsedWebhook? result, [NotNullWhen(false)] out string? error) =>
        TryParse(utf8Body.ToArray(), out result, out error);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, out ParsedWebhook?, out string?)"/>
    public static bool TryParse(byte[] utf8Body, [NotNullWhen(true)] out ParsedWebhook? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (!TryOpen(utf8Body, out var document, out error))
        {
            return false;
        }

        using (document)
        {
            if (!TryGetEntries(document.RootElement, out var entries, out error))
            {
                return false;
            }

            var problems = new ParseProblems();
            var changes = new List<WebhookChange>();
            var i = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                Entry(entry, $"entry[{i++}]", changes, problems);
            }

            result = new ParsedWebhook(changes, problems.ToList());
            return true;
        }
    }

    private static bool TryOpen(byte[] utf8Body, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out string? error)
    {
        document = null;
        if (utf8Body.Length > MaxBodyBytes)
        {
            error = $"body is larger than {MaxBodyBytes} bytes";
            return false;
        }

        // JsonDocument accepts invalid UTF-8 inside strings and fails only when one is read.
        if (!Utf8.IsValid(utf8Body))
        {
            error = "body is not valid UTF-8";
            return false;
        }

        try
        {
            document = JsonDocument.Parse(utf8Body, DocumentOptions);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"body is not well-formed JSON without duplicate properties (line {ex.LineNumber}, byte {ex.BytePositionInLine})";
            return false;
        }
        catch (InvalidOperationException)
        {
            // The duplicate check unescapes every property name and throws this on an escaped lone
            // surrogate ("\ud800"), which no name of Meta's holds.
            error = "body has a property name that is not valid UTF-16";
            return false;
        }
    }

    private static bool TryGetEntries(JsonElement root, out JsonElement entries, [NotNullWhen(false)] out string? error)
    {
        entries = default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "body is not a JSON object";
            return false;
        }

        if (!JsonItems.TryGetString(root, "object", out var objectName, out _) || objectName != WhatsAppBusinessAccount)
        {
            error = $"object is not {WhatsAppBusinessAccount}";
            return false;
        }

        if (!root.TryGetProperty("entry", out entries) || entries.ValueKind != JsonValueKind.Array)
        {
            error = "entry is missing or not an array";
            return false;
        }

        error = null;
        return true;
    }

    private static void Entry(JsonElement entry, string path, List<WebhookChange> changes, ParseProblems problems)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            problems.Add(path, $"expected an object, found {JsonItems.Describe(entry.ValueKind)}");
            return;
        }

        if (!JsonItems.TryGetString(entry, "id", out var wabaId, out var reason))
        {
            problems.Add(path, reason);
            return;
        }

        if (string.IsNullOrEmpty(wabaId))
        {
            problems.Add($"{path}.id", "missing");
        }

        if (!entry.TryGetProperty("changes", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            problems.Add($"{path}.changes", "missing or not an array");
            return;
        }

        var j = 0;
        foreach (var change in list.EnumerateArray())
        {
            if (WebhookChanges.Map(wabaId, change, $"{path}.changes[{j++}]", problems) is { } mapped)
            {
                changes.Add(mapped);
            }
        }
    }
}
