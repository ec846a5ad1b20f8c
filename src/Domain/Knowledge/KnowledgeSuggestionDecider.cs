using System.Text.RegularExpressions;
using PesanAI.Domain.Common;
using PesanAI.Domain.Privacy;

namespace PesanAI.Domain.Knowledge;

/// <summary>
/// Pure decisions about knowledge suggestions: when a team member's answer becomes one (and with what redacted), and how
/// a person accepts or rejects it.
/// </summary>
public static partial class KnowledgeSuggestionDecider
{
    /// <summary>Stands for the customer's profile name in a suggestion.</summary>
    public const string Name = "[NAME]";

    /// <summary>Fewer letters and digits than this in the question or the answer, once redacted: nothing worth an entry.</summary>
    public const int MinMeaningfulCharacters = 4;

    public const int MaxRejectReasonLength = 500;

    /// <summary>
    /// The hand-offs for lack of knowledge: the embedded responder found no entry, or none clearly enough, or the
    /// external model found none that answers (MODEL_HANDOFF). Not a hand-off keyword, the reply limit, an unsupported
    /// message type or a failed provider: the team's answer to those is no answer the knowledge base lacked.
    /// </summary>
    public static IReadOnlySet<string> KnowledgeGaps { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ReplyReasons.NoMatch,
        ReplyReasons.LowMargin,
        ReplyReasons.Ambiguous,
        ReplyReasons.EmptyKnowledgeBase,
        "MODEL_HANDOFF",
    };

    public static bool IsKnowledgeGap(string? reason) => reason is not null && KnowledgeGaps.Contains(reason);

    /// <summary>
    /// The suggestion a team member's text answer makes, for the customer's text(s) the AI handed off; null when what is
    /// left after redaction is too short to be an entry, or the question is longer than an entry's.
    /// </summary>
    public static KnowledgeEntrySuggested? Suggest(
        Guid conversationId,
        string triggerWamid,
        IReadOnlyList<string> customerTexts,
        string memberText,
        string? profileName,
        Guid? answeredBy,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(customerTexts);
        ArgumentNullException.ThrowIfNull(memberText);
        var question = Redact(string.Join("\n", customerTexts.Select(t => t.Trim()).Where(t => t.Length > 0)), profileName);
        var answer = Redact(memberText, profileName);
        if (!Meaningful(question) || !Meaningful(answer) || question.Length > KnowledgeRules.MaxQuestionLength || answer.Length > KnowledgeRules.MaxAnswerLength)
        {
            return null;
        }

        return new KnowledgeEntrySuggested(KnowledgeSuggestion.IdOf(conversationId, triggerWamid), conversationId, triggerWamid, question, answer, answeredBy, now);
    }

    /// <summary>
    /// Phone numbers, e-mail addresses and card-like numbers (<see cref="Redaction"/>), and the customer's profile name,
    /// whole or any word of it of three letters or more, as a whole word in any case.
    /// </summary>
    public static string Redact(string text, string? profileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var redacted = Redaction.Redact(text).Trim();
        if (string.IsNullOrWhiteSpace(profileName))
        {
            return redacted;
        }

        var name = profileName.Trim();
        var parts = new[] { name }
            .Concat(name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Count(char.IsLetter) >= 3)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(p => p.Length);
        foreach (var part in parts)
        {
            redacted = Regex.Replace(
                redacted, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(part)}(?![\p{{L}}\p{{N}}])", Name, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        return redacted;
    }

    /// <summary>
    /// The entry a suggestion becomes: what was suggested, with the person's edits in place of it (a null field keeps the
    /// suggestion's; tags and language are the edit's only).
    /// </summary>
    public static KnowledgeDraft Draft(KnowledgeSuggestion suggestion, KnowledgeDraft? edits)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        return KnowledgeRules.Normalize(new KnowledgeDraft(
            edits?.Question ?? suggestion.Question,
            edits?.Answer ?? suggestion.Answer,
            edits?.Tags,
            edits?.Language));
    }

    /// <summary>
    /// The existing entry <paramref name="entry"/> with the suggestion's question (or the edited one) added to its
    /// alternative phrasings, and that phrasing; the rest of the entry as it is.
    /// </summary>
    public static (KnowledgeDraft Draft, string Phrasing) Phrasing(KnowledgeSuggestion suggestion, KnowledgeEntry entry, string? editedQuestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        ArgumentNullException.ThrowIfNull(entry);
        var phrasing = (editedQuestion ?? suggestion.Question).Trim();
        var draft = new KnowledgeDraft(entry.Question, entry.Answer, entry.Tags, entry.Language) { Alternatives = [.. entry.Alternatives, phrasing] };
        KnowledgeRules.Ensure(draft);
        return (KnowledgeRules.Normalize(draft), phrasing);
    }

    /// <summary>Accepts a pending suggestion as the entry <paramref name="entryId"/> stating <paramref name="entry"/> (normalized).</summary>
    /// <remarks>With <paramref name="phrasing"/>, the suggestion became that alternative phrasing of the existing entry.</remarks>
    public static IReadOnlyList<object> Accept(KnowledgeSuggestion? state, Guid suggestionId, Guid entryId, KnowledgeDraft entry, string decidedBy, DateTimeOffset now, string? phrasing = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var pending = EnsurePending(state, suggestionId);
        KnowledgeRules.Ensure(entry);
        var edited = phrasing is null
            ? entry.Question != pending.Question || entry.Answer != pending.Answer || entry.TagList.Count > 0 || !string.IsNullOrEmpty(entry.Language)
            : phrasing != pending.Question;
        return [new KnowledgeSuggestionAccepted(pending.Id, entryId, entry.Question!, entry.Answer!, entry.TagList, entry.Language ?? string.Empty, edited, decidedBy, now) { Phrasing = phrasing }];
    }

    public static IReadOnlyList<object> Reject(KnowledgeSuggestion? state, Guid suggestionId, string? reason, string decidedBy, DateTimeOffset now)
    {
        var pending = EnsurePending(state, suggestionId);
        var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (why?.Length > MaxRejectReasonLength)
        {
            throw new DomainException("REASON_TOO_LONG", $"reason must be at most {MaxRejectReasonLength} characters.");
        }

        return [new KnowledgeSuggestionRejected(pending.Id, why, decidedBy, now)];
    }

    /// <summary>The suggestion, when it exists and nobody decided it yet: NOT_FOUND, else FAILED_PRECONDITION SUGGESTION_DECIDED.</summary>
    public static KnowledgeSuggestion EnsurePending(KnowledgeSuggestion? state, Guid suggestionId)
    {
        if (state is null)
        {
            throw new DomainException("SUGGESTION_NOT_FOUND", $"There is no suggestion {suggestionId}.", RuleKind.NotFound);
        }

        return state.State == SuggestionState.Pending
            ? state
            : throw new DomainException("SUGGESTION_DECIDED", $"Suggestion {suggestionId} was already {(state.State == SuggestionState.Accepted ? "accepted" : "rejected")}.");
    }

    private static bool Meaningful(string text) =>
        MeaningfulPattern().Replace(text, string.Empty).Count(char.IsLetterOrDigit) >= MinMeaningfulCharacters;

    /// <summary>The placeholders redaction leaves: they carry nothing an entry could say.</summary>
    [GeneratedRegex(@"\[(PHONE|EMAIL|CARD|NAME)\]", RegexOptions.CultureInvariant)]
    private static partial Regex MeaningfulPattern();
}
