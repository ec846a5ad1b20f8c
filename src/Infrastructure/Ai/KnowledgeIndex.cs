using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Infrastructure.Ai;

/// <summary>
/// One tenant's knowledge base as an in-memory Lucene index (BM25), built whole from the entries at one stream
/// version and never changed afterwards: a newer version gets a new index. Searching is thread-safe.
/// </summary>
public sealed class KnowledgeIndex : IDisposable
{
    /// <summary>How many candidates a search returns (the runner-ups give the best one its margin).</summary>
    public const int Candidates = 10;

    /// <summary>Field weights: question, alternative phrasings and tags count most, the answer's words and the trigrams help.</summary>
    private const float QuestionBoost = 1.0f;
    private const float AnswerBoost = 0.35f;
    private const float GramBoost = 0.25f;

    /// <summary>A word found only in the answer counts this much towards coverage; a near spelling (typo) this much.</summary>
    private const double AnswerCoverage = 0.6;
    private const double TypoCoverage = 0.8;

    /// <summary>Trigram overlap (Dice) from which two words count as the same word misspelt.</summary>
    private const double TypoSimilarity = 0.5;

    /// <summary>Only this much of a message is searched (a long message is not a question for the knowledge base).</summary>
    private const int MaxQueryLength = 600;

    private readonly RAMDirectory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly Dictionary<Guid, Entry> _entries;
    private readonly Vocabulary _known;
    private readonly RetrievalSteps _steps;

    private KnowledgeIndex(long version, RAMDirectory directory, Dictionary<Guid, Entry> entries, Vocabulary known, RetrievalSteps steps)
    {
        Version = version;
        _directory = directory;
        _entries = entries;
        _known = known;
        _steps = steps;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>The knowledge base's stream version the index reflects.</summary>
    public long Version { get; }

    public int Count => _entries.Count;

    /// <summary>The index of <paramref name="entries"/>; <paramref name="steps"/> (all by default) only for measuring each step's worth.</summary>
    public static KnowledgeIndex Build(IReadOnlyCollection<KnowledgeEntry> entries, long version, RetrievalSteps? steps = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var directory = new RAMDirectory();
        var known = new Dictionary<Guid, Entry>(entries.Count);
        var texts = new List<string>(entries.Count * 2);
        var config = new IndexWriterConfig(KnowledgeAnalysis.Version, KnowledgeAnalysis.Fields)
        {
            Similarity = new BM25Similarity(),
            OpenMode = OpenMode.CREATE,
        };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var entry in entries)
            {
                var question = KnowledgeAnalysis.Normalize(string.Join(" ", [entry.Question, .. entry.Alternatives, .. entry.Tags]));
                var answer = KnowledgeAnalysis.Normalize(entry.Answer);
                var document = new Document
                {
                    new StringField(KnowledgeAnalysis.EntryId, entry.Id.ToString("N"), Field.Store.YES),
                    new TextField(KnowledgeAnalysis.QuestionId, question, Field.Store.NO),
                    new TextField(KnowledgeAnalysis.QuestionEn, question, Field.Store.NO),
                    new TextField(KnowledgeAnalysis.AnswerId, answer, Field.Store.NO),
                    new TextField(KnowledgeAnalysis.AnswerEn, answer, Field.Store.NO),
                    new TextField(KnowledgeAnalysis.QuestionGrams, question, Field.Store.NO),
                };
                writer.AddDocument(document);
                known[entry.Id] = new Entry(entry, Vocabulary.Of(question), Vocabulary.Of(answer));
                texts.Add(question);
                texts.Add(answer);
            }

            writer.Commit();
        }

        return new KnowledgeIndex(version, directory, known, Vocabulary.Of(string.Join(' ', texts)), steps ?? RetrievalSteps.All);
    }

    public KnowledgeEntry? Find(Guid entryId) => _entries.TryGetValue(entryId, out var entry) ? entry.Source : null;

    /// <summary>The best entries for a message, best first, with their scores and coverage.</summary>
    public IReadOnlyList<ReplyCandidate> Search(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_entries.Count == 0)
        {
            return [];
        }

        var words = Expand(KnowledgeAnalysis.Normalize(text.Length > MaxQueryLength ? text[..MaxQueryLength] : text));
        var normalized = string.Join(' ', words.SelectMany(w => w.Aliases.Prepend(w.Word)));
        var query = Query(normalized);
        if (query is null)
        {
            return [];
        }

        var hits = _searcher.Search(query, Candidates).ScoreDocs;
        if (hits.Length == 0)
        {
            return [];
        }

        var weighed = QueryWords(words);
        var candidates = new List<ReplyCandidate>(hits.Length);
        foreach (var hit in hits)
        {
            var id = Guid.ParseExact(_searcher.Doc(hit.Doc).Get(KnowledgeAnalysis.EntryId), "N");
            candidates.Add(new ReplyCandidate(id, hit.Score, Coverage(weighed, _entries[id])));
        }

        return candidates;
    }

    /// <summary>
    /// The entries that best answer a message, strongest first (<see cref="ReplyDecider.Rank"/>): at most
    /// <paramref name="count"/> that share a meaningful word with it, with the relative confidence of the best one. What
    /// an external model is given to answer from: no coverage floor, since a model can pick the question out of a
    /// message that says much else (greetings, order details).
    /// </summary>
    public KnowledgeRetrieval Retrieve(string text, int count)
    {
        var ranked = ReplyDecider.Rank(Search(text));
        var entries = ranked
            .Where(c => ReplyDecider.Strength(c) > 0)
            .Take(count)
            .Select(c => _entries[c.EntryId].Source)
            .ToList();
        return new KnowledgeRetrieval(entries, entries.Count == 0 ? 0 : ReplyDecider.Confidence(ranked), Count, Version);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    private static Query? Query(string normalized)
    {
        var question = new DisjunctionMaxQuery(0.5f)
        {
            Terms(KnowledgeAnalysis.Indonesian, KnowledgeAnalysis.QuestionId, normalized),
            Terms(KnowledgeAnalysis.English, KnowledgeAnalysis.QuestionEn, normalized),
        };
        question.Boost = QuestionBoost;
        var answer = new DisjunctionMaxQuery(0.5f)
        {
            Terms(KnowledgeAnalysis.Indonesian, KnowledgeAnalysis.AnswerId, normalized),
            Terms(KnowledgeAnalysis.English, KnowledgeAnalysis.AnswerEn, normalized),
        };
        answer.Boost = AnswerBoost;
        var grams = Terms(KnowledgeAnalysis.Grams, KnowledgeAnalysis.QuestionGrams, normalized);
        grams.Boost = GramBoost;
        if (grams.Clauses.Count == 0)
        {
            return null;
        }

        return new BooleanQuery
        {
            { question, Occur.SHOULD },
            { answer, Occur.SHOULD },
            { grams, Occur.SHOULD },
        };
    }

    private static BooleanQuery Terms(Lucene.Net.Analysis.Analyzer analyzer, string field, string text)
    {
        var query = new BooleanQuery(disableCoord: true);
        foreach (var term in KnowledgeAnalysis.Terms(analyzer, field, text).Distinct(StringComparer.Ordinal).Take(BooleanQuery.MaxClauseCount / 4))
        {
            query.Add(new TermQuery(new Term(field, term)), Occur.SHOULD);
        }

        return query;
    }

    /// <summary>
    /// The message's words as the knowledge base would spell them: a chat form it does not hold becomes the standard
    /// form it does (<see cref="Colloquial"/>), and each word (or two-word phrase) gains its translations from the
    /// <see cref="Lexicon"/> that the knowledge base holds, as aliases, so that an English question finds an
    /// Indonesian entry and back. Words and aliases the knowledge base does not hold add nothing but noise: left out.
    /// </summary>
    private List<MessageWord> Expand(string normalized)
    {
        var words = KnowledgeAnalysis.Words(normalized).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (_steps.Colloquial && !_known.Knows(words[i]) && Colloquial.Variants(words[i]).FirstOrDefault(_known.Knows) is { } standard)
            {
                words[i] = standard;
            }
        }

        var lexicon = Lexicon.Shipped;
        var expanded = new List<MessageWord>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var aliases = new List<string>();
            for (var length = _steps.Lexicon ? Math.Min(lexicon.LongestKey, words.Count - i) : 0; length >= 1; length--)
            {
                foreach (var translation in lexicon.Translate(string.Join(' ', words.Skip(i).Take(length))))
                {
                    // A phrase counts only whole: "job opening" must not find an entry on opening hours by "opening".
                    var meaningful = translation.Split(' ').Where(w => !KnowledgeAnalysis.AnyStopWord.Contains(w)).ToList();
                    if (meaningful.Count > 0 && meaningful.TrueForAll(_known.Knows))
                    {
                        aliases.AddRange(meaningful.Where(a => a != words[i] && !aliases.Contains(a, StringComparer.Ordinal)));
                    }
                }
            }

            expanded.Add(new MessageWord(words[i], aliases));
        }

        return expanded;
    }

    /// <summary>The message's meaningful words, each with its stems, its aliases and its weight (rarer in the knowledge base: heavier).</summary>
    private List<QueryWord> QueryWords(List<MessageWord> message)
    {
        var words = new List<QueryWord>();
        var total = _reader.NumDocs;
        foreach (var (word, aliases) in message.DistinctBy(w => w.Word, StringComparer.Ordinal))
        {
            if (word.Length < 2 || KnowledgeAnalysis.AnyStopWord.Contains(word))
            {
                continue;
            }

            var forms = aliases.Prepend(word).Select(Form).ToList();
            var df = forms.Max(f => Math.Max(
                Math.Max(DocFreq(KnowledgeAnalysis.QuestionId, f.Indonesian), DocFreq(KnowledgeAnalysis.QuestionEn, f.English)),
                Math.Max(DocFreq(KnowledgeAnalysis.AnswerId, f.Indonesian), DocFreq(KnowledgeAnalysis.AnswerEn, f.English))));
            var weight = Math.Log(1 + ((total - df + 0.5) / (df + 0.5)));
            words.Add(new QueryWord(forms, weight, KnowledgeAnalysis.PaddedGrams(word)));
        }

        return words;
    }

    private static WordForm Form(string word) => new(
        word,
        KnowledgeAnalysis.Terms(KnowledgeAnalysis.Indonesian, KnowledgeAnalysis.QuestionId, word).FirstOrDefault(),
        KnowledgeAnalysis.Terms(KnowledgeAnalysis.English, KnowledgeAnalysis.QuestionEn, word).FirstOrDefault());

    private int DocFreq(string field, string? term) => term is null ? 0 : _reader.DocFreq(new Term(field, term));

    /// <summary>The weighted share of the message's words that the entry holds: in its question or tags, else in its answer, else misspelt.</summary>
    private static double Coverage(List<QueryWord> words, Entry entry)
    {
        double total = 0, covered = 0;
        foreach (var word in words)
        {
            total += word.Weight;
            covered += word.Weight * (entry.Question.Holds(word) ? 1
                : entry.Answer.Holds(word) ? AnswerCoverage
                : entry.Question.HoldsNear(word) ? TypoCoverage
                : entry.Answer.HoldsNear(word) ? AnswerCoverage * TypoCoverage
                : 0);
        }

        return total == 0 ? 0 : covered / total;
    }

    private sealed record Entry(KnowledgeEntry Source, Vocabulary Question, Vocabulary Answer);

    /// <summary>A word of the message and the translations of it the knowledge base holds.</summary>
    private sealed record MessageWord(string Word, List<string> Aliases);

    /// <summary>A word, or one of its aliases, with its stems.</summary>
    private sealed record WordForm(string Word, string? Indonesian, string? English);

    /// <summary>A meaningful word of the message: its forms (the word first, then its aliases), weight and trigrams.</summary>
    private sealed record QueryWord(List<WordForm> Forms, double Weight, HashSet<string> Grams)
    {
        public string Word => Forms[0].Word;
    }

    /// <summary>An entry text's words and stems, for the coverage check.</summary>
    private sealed class Vocabulary
    {
        private readonly HashSet<string> _words;
        private readonly HashSet<string> _indonesian;
        private readonly HashSet<string> _english;
        private readonly List<(string Word, HashSet<string> Grams)> _grams;

        private Vocabulary(HashSet<string> words, HashSet<string> indonesian, HashSet<string> english)
        {
            _words = words;
            _indonesian = indonesian;
            _english = english;
            _grams = [.. words.Where(w => w.Length >= 4).Select(w => (w, KnowledgeAnalysis.PaddedGrams(w)))];
        }

        public static Vocabulary Of(string normalized) => new(
            [.. KnowledgeAnalysis.Words(normalized)],
            [.. KnowledgeAnalysis.Terms(KnowledgeAnalysis.Indonesian, KnowledgeAnalysis.QuestionId, normalized)],
            [.. KnowledgeAnalysis.Terms(KnowledgeAnalysis.English, KnowledgeAnalysis.QuestionEn, normalized)]);

        public bool Holds(QueryWord word) => word.Forms.Exists(Holds);

        /// <summary>Whether the text holds this word, or a word of the same stem in either language.</summary>
        public bool Knows(string word) => _words.Contains(word) || Holds(Form(word));

        private bool Holds(WordForm form) =>
            _words.Contains(form.Word)
            || (form.Indonesian is { } id && _indonesian.Contains(id))
            || (form.English is { } en && _english.Contains(en));

        /// <summary>A word of the entry spelt nearly the same (one or two letters off), for words of four letters or more.</summary>
        public bool HoldsNear(QueryWord word)
        {
            if (word.Word.Length < 4)
            {
                return false;
            }

            foreach (var (candidate, grams) in _grams)
            {
                if (Math.Abs(candidate.Length - word.Word.Length) <= 2 && Dice(grams, word.Grams) >= TypoSimilarity)
                {
                    return true;
                }
            }

            return false;
        }

        private static double Dice(HashSet<string> a, HashSet<string> b)
        {
            var shared = 0;
            foreach (var gram in a)
            {
                if (b.Contains(gram))
                {
                    shared++;
                }
            }

            return 2.0 * shared / (a.Count + b.Count);
        }
    }
}

/// <summary>The query steps of <see cref="KnowledgeIndex"/> beyond plain search; all on in production, switched off one by one by the evaluation.</summary>
public sealed record RetrievalSteps(bool Colloquial, bool Lexicon)
{
    public static RetrievalSteps All { get; } = new(Colloquial: true, Lexicon: true);
}
