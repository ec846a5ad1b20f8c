using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Id;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.NGram;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace PesanAI.Infrastructure.Ai;

/// <summary>
/// How entries and customer messages are turned into terms, the same way on both sides. Customers on WhatsApp write
/// Indonesian chat: abbreviations (<c>brp</c>, <c>gk</c>, <c>tf</c>), forms of address and particles (<c>kak</c>,
/// <c>min</c>, <c>dong</c>), typos and English words in between. So a message is first normalized word by word
/// (<see cref="Normalize"/>), then analysed three ways: Lucene's Indonesian analyser (Tala stop words, Indonesian
/// stemmer), its English analyser (stop words, Porter stemmer) and character trigrams of the words (typos, word
/// forms neither stemmer knows, mixed language).
/// </summary>
public static class KnowledgeAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Field names: question and tags, and the answer, each per analyser; trigrams of question and tags.</summary>
    public const string QuestionId = "q_id";
    public const string QuestionEn = "q_en";
    public const string AnswerId = "a_id";
    public const string AnswerEn = "a_en";
    public const string QuestionGrams = "q_ng";
    public const string EntryId = "id";

    public const int GramSize = 3;

    /// <summary>Words that address the business or soften the tone: they carry no meaning for retrieval.</summary>
    private static readonly string[] Fillers =
    [
        "kak", "ka", "kk", "kakak", "min", "mimin", "gan", "agan", "sis", "sista", "bund", "bunda", "bun", "mas", "mbak", "mba",
        "bang", "pak", "bu", "om", "tante", "halo", "hallo", "hai", "hi", "hello", "permisi", "selamat", "pagi", "siang", "sore",
        "malam", "dong", "deh", "sih", "nih", "ya", "yah", "yaa", "yg", "kah", "lah", "kok", "aja", "saja", "nya", "tuh", "tu",
        "please", "pls", "plz", "tolong", "mohon", "thanks", "makasih", "terima", "kasih", "thx", "info", "tanya", "nanya",
    ];

    /// <summary>English function words of questions that Lucene's short English stop list keeps.</summary>
    private static readonly string[] EnglishQuestionWords =
    [
        "i", "me", "my", "mine", "you", "your", "yours", "we", "us", "our", "he", "she", "him", "her", "its", "do", "does", "did",
        "done", "can", "could", "would", "should", "shall", "may", "might", "must", "am", "been", "being", "have", "has", "had",
        "how", "what", "when", "where", "which", "who", "whom", "why", "much", "many", "any", "some", "get", "got", "want",
        "need", "like", "about", "here", "so", "just", "also", "ok", "okay", "hey", "dear", "sir", "madam", "thank", "very",
    ];

    /// <summary>Chat spellings and abbreviations mapped to the word they stand for (one word to one or more).</summary>
    private static readonly Dictionary<string, string> Spellings = new(StringComparer.Ordinal)
    {
        ["gk"] = "tidak", ["ga"] = "tidak", ["gak"] = "tidak", ["nggak"] = "tidak", ["ngga"] = "tidak", ["enggak"] = "tidak",
        ["tdk"] = "tidak", ["g"] = "tidak", ["kagak"] = "tidak", ["brp"] = "berapa", ["brapa"] = "berapa", ["bs"] = "bisa",
        ["bsa"] = "bisa", ["sy"] = "saya", ["aku"] = "saya", ["gw"] = "saya", ["gue"] = "saya", ["dgn"] = "dengan",
        ["utk"] = "untuk", ["krn"] = "karena", ["sdh"] = "sudah", ["udh"] = "sudah", ["udah"] = "sudah", ["dah"] = "sudah",
        ["blm"] = "belum", ["belom"] = "belum", ["gmn"] = "bagaimana", ["gmna"] = "bagaimana", ["gimana"] = "bagaimana",
        ["bgmn"] = "bagaimana", ["gmana"] = "bagaimana", ["knp"] = "kenapa", ["jg"] = "juga", ["tgl"] = "tanggal",
        ["hr"] = "hari", ["org"] = "orang", ["sampe"] = "sampai", ["nyampe"] = "sampai", ["pesen"] = "pesan",
        ["tf"] = "transfer", ["trf"] = "transfer", ["trans"] = "transfer", ["rek"] = "rekening", ["norek"] = "nomor rekening",
        ["dmn"] = "mana", ["dimana"] = "mana", ["kmn"] = "mana", ["kemana"] = "mana", ["skrg"] = "sekarang",
        ["bbrp"] = "beberapa", ["jd"] = "jadi", ["tp"] = "tapi", ["klo"] = "kalau", ["kalo"] = "kalau", ["klu"] = "kalau",
        ["ok"] = "oke", ["dll"] = "lain", ["sm"] = "sama", ["ama"] = "sama", ["mo"] = "mau", ["pengen"] = "ingin",
        ["pgn"] = "ingin", ["pake"] = "pakai", ["make"] = "pakai", ["bayarnya"] = "bayar", ["restok"] = "restock", ["po"] = "preorder", ["pre-order"] = "preorder", ["dp"] = "uang muka",
        ["pw"] = "password", ["pass"] = "password", ["sandi"] = "password", ["acc"] = "akun", ["wa"] = "whatsapp",
    };

    private static readonly CharArraySet FillerSet = new(Version, Fillers, ignoreCase: true);

    private static readonly CharArraySet IndonesianStops = Union(IndonesianAnalyzer.DefaultStopSet, FillerSet);

    private static readonly CharArraySet EnglishStops = Union(Union(EnglishAnalyzer.DefaultStopSet, FillerSet), new CharArraySet(Version, EnglishQuestionWords, ignoreCase: true));

    /// <summary>Stop words of either language and the fillers: the words a coverage check ignores.</summary>
    public static CharArraySet AnyStopWord { get; } = Union(IndonesianStops, EnglishStops);

    public static Analyzer Indonesian { get; } = new IndonesianAnalyzer(Version, IndonesianStops);

    public static Analyzer English { get; } = new EnglishAnalyzer(Version, EnglishStops);

    /// <summary>Trigrams of each word that is not a filler (stop words stay: Tala's list holds words like <c>lama</c> and <c>jam</c>).</summary>
    public static Analyzer Grams { get; } = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, source);
        stream = new StopFilter(Version, stream, FillerSet);
        stream = new NGramTokenFilter(Version, stream, GramSize, GramSize);
        return new TokenStreamComponents(source, stream);
    });

    /// <summary>One analyser for every field (thread-safe: Lucene keeps per-thread components).</summary>
    public static Analyzer Fields { get; } = new PerFieldAnalyzerWrapper(
        new StandardAnalyzer(Version),
        new Dictionary<string, Analyzer>
        {
            [QuestionId] = Indonesian,
            [AnswerId] = Indonesian,
            [QuestionEn] = English,
            [AnswerEn] = English,
            [QuestionGrams] = Grams,
        });

    /// <summary>
    /// Lower case, accents folded, chat spellings expanded, punctuation between words kept as a space: the text every
    /// analyser sees, for entries and messages alike.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 16);
        foreach (var word in Words(text))
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Spellings.TryGetValue(word, out var spelled) ? spelled : word);
        }

        return builder.ToString();
    }

    /// <summary>The words of a text: lower-cased letters and digits (a hyphen inside a word is kept: <c>e-wallet</c>, <c>pre-order</c>).</summary>
    public static IEnumerable<string> Words(string text)
    {
        var folded = Fold(text);
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && (char.IsLetterOrDigit(folded[i])
                || (folded[i] == '-' && start >= 0 && i + 1 < folded.Length && char.IsLetterOrDigit(folded[i + 1])));
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return folded[start..i];
                start = -1;
            }
        }
    }

    /// <summary>The terms <paramref name="analyzer"/> makes of a text for <paramref name="field"/>.</summary>
    public static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }

    /// <summary>The character trigrams of one word, padded so that its start and end count (<c>_on</c>, <c>ir_</c>).</summary>
    public static HashSet<string> PaddedGrams(string word)
    {
        var padded = "_" + word + "_";
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + GramSize <= padded.Length; i++)
        {
            grams.Add(padded.Substring(i, GramSize));
        }

        return grams;
    }

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static CharArraySet Union(CharArraySet first, CharArraySet second)
    {
        var union = new CharArraySet(Version, first.Count + second.Count, ignoreCase: true);
        union.UnionWith(first);
        union.UnionWith(second);
        return union.AsReadOnly();
    }
}
