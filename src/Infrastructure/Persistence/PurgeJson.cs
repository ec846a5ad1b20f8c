namespace PesanAI.Infrastructure.Persistence;

/// <summary>
/// SQL expressions that strip a message's content from its stored JSON (camelCase, as Marten stores it), keeping its
/// type and ids: a media file's ids and MIME type, a reaction's message, a system notice's new identity (the
/// conversation's customer follows it on replay). Stripping twice gives the same JSON, so a purge run again changes
/// nothing (and counts nothing).
/// </summary>
internal static class PurgeJson
{
    /// <summary>A message record: its content (and outbound content) stripped, the ad referral gone.</summary>
    public static string Record(string data) =>
        $"({data} || jsonb_build_object('content', {Inbound($"{data}->'content'")}, 'referral', null) " +
        $"|| case when jsonb_typeof({data}->'outbound') = 'object' then jsonb_build_object('outbound', {Outbound($"{data}->'outbound'")}) else '{{}}'::jsonb end)";

    /// <summary>A MessageReceived event.</summary>
    public static string ReceivedEvent(string data) =>
        $"({data} || jsonb_build_object('content', {Inbound($"{data}->'content'")}, 'referral', null))";

    /// <summary>A MessageQueued event.</summary>
    public static string QueuedEvent(string data) =>
        $"({data} || jsonb_build_object('content', {Outbound($"{data}->'content'")}))";

    /// <summary>MessageContent: the type, and ids only.</summary>
    private static string Inbound(string c) =>
        $"jsonb_strip_nulls(jsonb_build_object('type', {c}->'type', " +
        $"'media', {Part(c, "media", "'mediaId', {0}->'mediaId', 'mimeType', {0}->'mimeType', 'sha256', {0}->'sha256', 'voice', {0}->'voice', 'animated', {0}->'animated', 'storedMediaId', {0}->'storedMediaId'")}, " +
        $"'reaction', {Part(c, "reaction", "'messageId', {0}->'messageId'")}, " +
        $"'system', {Part(c, "system", "'kind', {0}->'kind', 'body', '', 'newWaId', {0}->'newWaId', 'newUserId', {0}->'newUserId'")}))";

    /// <summary>OutboundContent: the type, a template's name and language (no parameters), media ids.</summary>
    private static string Outbound(string c) =>
        $"jsonb_strip_nulls(jsonb_build_object('type', {c}->'type', " +
        $"'template', {Part(c, "template", "'name', {0}->'name', 'language', {0}->'language', 'headerParameters', '[]'::jsonb, 'bodyParameters', '[]'::jsonb, 'buttons', '[]'::jsonb")}, " +
        $"'media', {Part(c, "media", "'mediaId', {0}->'mediaId', 'storedMediaId', {0}->'storedMediaId'")}, " +
        $"'reaction', {Part(c, "reaction", "'messageId', {0}->'messageId'")}))";

    private static string Part(string content, string name, string members)
    {
        var part = $"{content}->'{name}'";
        return $"case when jsonb_typeof({part}) = 'object' then jsonb_build_object({string.Format(System.Globalization.CultureInfo.InvariantCulture, members, part)}) end";
    }
}
