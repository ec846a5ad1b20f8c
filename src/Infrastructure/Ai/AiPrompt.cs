using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using PesanAI.Application.Automation;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Knowledge;
using PesanAI.Domain.Privacy;

namespace PesanAI.Infrastructure.Ai;

/// <summary>
/// The chat an external model is asked: a system message with the tenant's persona, the rules (answer only from the
/// entries, else <see cref="HandOffMarker"/>; languages; length) and the retrieved entries; the recent turns; the
/// customer's text last. Customer and conversation text is redacted first when the settings say so.
/// </summary>
public static class AiPrompt
{
    /// <summary>The model's way to hand the conversation to people; an answer holding it is never sent.</summary>
    public const string HandOffMarker = "[[HANDOFF]]";

    /// <summary>Recent turns given as context, newest last.</summary>
    public const int MaxTurns = 10;

    /// <summary>A turn longer than this is cut (context, not the question).</summary>
    public const int MaxTurnLength = 1_000;

    public static List<ChatMessage> Build(AiRequest request, IReadOnlyList<KnowledgeEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(entries);
        var settings = request.Settings;
        var messages = new List<ChatMessage> { new(ChatRole.System, System(request, entries)) };
        foreach (var turn in Context(request.RecentTurns))
        {
            var text = turn.Text.Length > MaxTurnLength ? turn.Text[..MaxTurnLength] : turn.Text;
            messages.Add(new ChatMessage(turn.Direction == MessageDirection.Inbound ? ChatRole.User : ChatRole.Assistant, Private(text, settings.Redact)));
        }

        messages.Add(new ChatMessage(ChatRole.User, Private(request.CustomerText, settings.Redact)));
        return messages;
    }

    /// <summary>
    /// The turns before the customer's text: the latest inbound turns that follow the last outbound one are what
    /// <see cref="AiRequest.CustomerText"/> holds, so they are left out rather than said twice.
    /// </summary>
    private static IEnumerable<ConversationTurn> Context(IReadOnlyList<ConversationTurn> turns)
    {
        var end = turns.Count;
        while (end > 0 && turns[end - 1].Direction == MessageDirection.Inbound)
        {
            end--;
        }

        return turns.Take(end).Where(t => !string.IsNullOrWhiteSpace(t.Text)).TakeLast(MaxTurns);
    }

    private static string System(AiRequest request, IReadOnlyList<KnowledgeEntry> entries)
    {
        var settings = request.Settings;
        var prompt = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(settings.Persona))
        {
            prompt.AppendLine(settings.Persona).AppendLine();
        }

        prompt.AppendLine("You answer this business's customers on WhatsApp. Rules:")
            .AppendLine("- Answer only with what the knowledge entries below say. Never invent facts, prices, policies or promises.")
            .Append("- If the entries do not answer the customer's message, or the customer wants to talk to a person, reply with exactly ")
            .Append(HandOffMarker).AppendLine(" and nothing else.")
            .AppendLine(Languages(settings.ReplyLanguages))
            .AppendLine(CultureInfo.InvariantCulture, $"- Reply as plain WhatsApp text of at most {settings.MaxReplyLength} characters.");
        if (settings.Redact)
        {
            prompt.AppendLine(CultureInfo.InvariantCulture, $"- {Redaction.Phone}, {Redaction.Email} and {Redaction.Card} stand for personal data removed for privacy; do not ask the customer to repeat it.");
        }

        prompt.AppendLine().AppendLine("Knowledge entries:");
        for (var i = 0; i < entries.Count; i++)
        {
            prompt.AppendLine(CultureInfo.InvariantCulture, $"[{i + 1}] Question: {entries[i].Question}")
                .AppendLine(CultureInfo.InvariantCulture, $"Answer: {entries[i].Answer}");
        }

        return prompt.ToString();
    }

    private static string Languages(IReadOnlyList<string> languages) => languages.Count == 0
        ? "- Reply in the customer's language."
        : $"- Reply in the customer's language if it is one of: {string.Join(", ", languages)}; otherwise in {languages[0]}.";

    private static string Private(string text, bool redact) => redact ? Redaction.Redact(text) : text;
}
