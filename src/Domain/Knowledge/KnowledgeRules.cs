using System.Text;
using System.Text.RegularExpressions;
using PesanAI.Domain.Common;

namespace PesanAI.Domain.Knowledge;

/// <summary>An entry as a request states it: raw, before <see cref="KnowledgeRules.Normalize"/>.</summary>
public sealed record KnowledgeDraft(string? Question, string? Answer, IReadOnlyList<string>? Tags, string? Language)
{
    /// <summary>Other ways customers ask the same question; null: none.</summary>
    public IReadOnlyList<string>? Alternatives { get; init; }

    /// <summary>The draft's tags, never null.</summary>
    public IReadOnlyList<string> TagList => Tags ?? [];

    /// <summary>The draft's alternative phrasings, never null.</summary>
    public IReadOnlyList<string> AlternativeList => Alternatives ?? [];
}

/// <summary>An entry refused by a knowledge-base rule: the field it concerns (as the API names it), a stable reason and what is wrong.</summary>
public sealed record KnowledgeProblem(string Field, string Reason, string Description)
{
    public DomainException ToException() => new(Reason, $"{Field} {Description}.");
}

/// <summary>
/// The rules an entry obeys. Pure, so the API checks a request with them (naming every bad field) before the decider
/// enforces them again.
/// </summary>
public static partial class KnowledgeRules
{
    /// <summary>A question or title, in characters (UTF-16 code units) after trimming.</summary>
    public const int MaxQuestionLength = 1_000;

    /// <summary>Meta's limit for a text message: the answer is sent verbatim, so it must fit in one.</summary>
    public const int MaxAnswerLength = 4_096;

    public const int MaxTags = 20;

    public const int MaxTagLength = 50;

    /// <summary>Alternative phrasings of one entry: a few are what helps (more dilute the question's own words).</summary>
    public const int MaxAlternatives = 10;

    public const int MaxAlternativeLength = 300;

    /// <summary>The most entries one tenant's knowledge base holds.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>The most entries one import carries.</summary>
    public const int MaxImport = 1_000;

    /// <summary>Every problem of one entry; <paramref name="prefix"/> is put before each field name (<c>entries[3].</c>).</summary>
    public static IEnumerable<KnowledgeProblem> Check(KnowledgeDraft draft, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(draft);
        var question = draft.Question?.Trim() ?? string.Empty;
        if (question.Length == 0)
        {
            yield return new KnowledgeProblem(prefix + "question", "QUESTION_REQUIRED", "is required");
        }
        else if (question.Length > MaxQuestionLength)
        {
            yield return new KnowledgeProblem(prefix + "question", "QUESTION_TOO_LONG", $"must be at most {MaxQuestionLength} characters");
        }

        var answer = draft.Answer?.Trim() ?? string.Empty;
        if (answer.Length == 0)
        {
            yield return new KnowledgeProblem(prefix + "answer", "ANSWER_REQUIRED", "is required");
        }
        else if (answer.Length > MaxAnswerLength)
        {
            yield return new KnowledgeProblem(prefix + "answer", "ANSWER_TOO_LONG", $"must be at most {MaxAnswerLength} characters (a WhatsApp text message)");
        }

        var tags = draft.TagList;
        if (tags.Count > MaxTags)
        {
            yield return new KnowledgeProblem(prefix + "tags", "TOO_MANY_TAGS", $"must hold at most {MaxTags} tags");
        }

        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i]?.Trim() ?? string.Empty;
            if (tag.Length == 0 || tag.Length > MaxTagLength || tag.Any(char.IsControl))
            {
                yield return new KnowledgeProblem($"{prefix}tags[{i}]", "TAG_INVALID", $"must be 1 to {MaxTagLength} visible characters on one line");
            }
        }

        var alternatives = draft.AlternativeList;
        if (alternatives.Count > MaxAlternatives)
        {
            yield return new KnowledgeProblem(prefix + "alternatives", "TOO_MANY_ALTERNATIVES", $"must hold at most {MaxAlternatives} phrasings");
        }

        for (var i = 0; i < alternatives.Count; i++)
        {
            var alternative = alternatives[i]?.Trim() ?? string.Empty;
            if (alternative.Length == 0 || alternative.Length > MaxAlternativeLength || alternative.Any(char.IsControl))
            {
                yield return new KnowledgeProblem($"{prefix}alternatives[{i}]", "ALTERNATIVE_INVALID", $"must be 1 to {MaxAlternativeLength} visible characters on one line");
            }
        }

        var language = draft.Language?.Trim() ?? string.Empty;
        if (language.Length > 0 && !LanguagePattern().IsMatch(language))
        {
            yield return new KnowledgeProblem(prefix + "language", "LANGUAGE_INVALID", "must be a language tag such as id, en or en-US");
        }
    }

    /// <summary>Throws the first problem of the entry, if any.</summary>
    public static void Ensure(KnowledgeDraft draft, string prefix = "")
    {
        if (Check(draft, prefix).FirstOrDefault() is { } problem)
        {
            throw problem.ToException();
        }
    }

    /// <summary>
    /// The entry as it is stored: question and answer trimmed (the answer's inner text untouched: it is sent verbatim),
    /// tags trimmed, lower-cased and without repeats, alternative phrasings trimmed and without repeats (nor the question
    /// itself, by <see cref="QuestionKey"/>), the language tag lower-cased (empty: not stated).
    /// </summary>
    public static KnowledgeDraft Normalize(KnowledgeDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var tags = draft.TagList
            .Select(t => (t ?? string.Empty).Trim().ToLowerInvariant())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var question = draft.Question?.Trim() ?? string.Empty;
        var seen = new HashSet<string>(StringComparer.Ordinal) { QuestionKey(question) };
        var alternatives = draft.AlternativeList
            .Select(a => (a ?? string.Empty).Trim())
            .Where(a => a.Length > 0 && seen.Add(QuestionKey(a)))
            .ToList();
        return new KnowledgeDraft(
            question,
            draft.Answer?.Trim() ?? string.Empty,
            tags,
            draft.Language?.Trim().ToLowerInvariant() ?? string.Empty)
        {
            Alternatives = alternatives,
        };
    }

    /// <summary>
    /// What makes two questions the same entry: case, spacing and closing punctuation aside. Upserting and
    /// importing by question find the existing entry this way, so re-importing the same list changes nothing.
    /// </summary>
    public static string QuestionKey(string? question)
    {
        var text = (question ?? string.Empty).Trim().TrimEnd('?', '!', '.', '？', '！', '。', ' ');
        var key = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c))
            {
                space = key.Length > 0;
                continue;
            }

            if (space)
            {
                key.Append(' ');
                space = false;
            }

            key.Append(char.ToLowerInvariant(c));
        }

        return key.ToString();
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
