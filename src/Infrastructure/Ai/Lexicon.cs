using System.Collections.Frozen;
using System.Reflection;

namespace PesanAI.Infrastructure.Ai;

/// <summary>
/// A bilingual Indonesian–English lexicon of the words customers use with businesses (<c>Lexicon/id-en.tsv</c>,
/// shipped in the assembly): for a word or two-word phrase of either language, its translations in the other.
/// Lookups are both ways; words are normalized as <see cref="KnowledgeAnalysis.Words"/> makes them.
/// </summary>
/// <remarks>
/// The file's format: one Indonesian word or phrase, a tab, its English translations separated by <c>|</c>;
/// <c>#</c> starts a comment line. It was written from general knowledge of customer-service vocabulary for many kinds
/// of business, never from the evaluation questions (bench/PesanAI.Bench/Knowledge/EvalSets/README.md).
/// </remarks>
public sealed class Lexicon
{
    private const string Resource = "PesanAI.Infrastructure.Ai.Lexicon.id-en.tsv";

    private readonly FrozenDictionary<string, string[]> _translations;

    private Lexicon(Dictionary<string, HashSet<string>> translations)
    {
        _translations = translations.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        LongestKey = translations.Keys.Select(k => k.Count(c => c == ' ') + 1).DefaultIfEmpty(1).Max();
    }

    /// <summary>The lexicon shipped with PesanAI.</summary>
    public static Lexicon Shipped { get; } = Load();

    /// <summary>How many words the longest key has (lookups try phrases up to this length).</summary>
    public int LongestKey { get; }

    /// <summary>How many words and phrases have translations (both directions).</summary>
    public int Count => _translations.Count;

    /// <summary>The translations of a word or phrase (its words space-separated), or none.</summary>
    public IReadOnlyList<string> Translate(string phrase) =>
        _translations.TryGetValue(phrase, out var found) ? found : [];

    /// <summary>Reads the lexicon's text: both directions, each side's phrases normalized to words.</summary>
    public static Lexicon Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var translations = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (line.StartsWith('#') || tab <= 0)
            {
                continue;
            }

            var indonesian = Phrase(line[..tab]);
            if (indonesian.Length == 0)
            {
                continue;
            }

            foreach (var english in line[(tab + 1)..].Split('|').Select(Phrase).Where(p => p.Length > 0))
            {
                Link(translations, indonesian, english);
                Link(translations, english, indonesian);
            }
        }

        return new Lexicon(translations);
    }

    private static Lexicon Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The lexicon {Resource} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }

    private static string Phrase(string text) => string.Join(' ', KnowledgeAnalysis.Words(text));

    private static void Link(Dictionary<string, HashSet<string>> translations, string from, string to)
    {
        if (from == to)
        {
            return;
        }

        if (!translations.TryGetValue(from, out var set))
        {
            translations[from] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(to);
    }
}
