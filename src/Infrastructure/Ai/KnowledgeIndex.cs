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

    private KnowledgeIndex(long version, RAMDirectory directory, Dictionary<Guid, Entry> entries)
    {
        Version = version;
        _directory = directory;
        _entries = entries;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    /// <summary>The knowledge base's stream version the index reflects.</summary>
    public long Version { get; }

    public int Count => _entries.Count;

    public static KnowledgeIndex Build(IReadOnlyCollection<KnowledgeEntry> entries, long version)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var directory = new RAMDirectory();
        var known = new Dictionary<Guid, Entry>(entries.Count);
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
            }

            writer.Commit();
        }

        return new KnowledgeIndex(version, directory, known);
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

        var normalized = KnowledgeAnalysis.Normalize(text.Length > MaxQueryLength ? text[..MaxQueryLength] : text);
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

        var words = QueryWords(normalized);
        var candidates = new List<ReplyCandidate>(hits.Length);
        foreach (var hit in hits)
        {
            var id = Guid.ParseExact(_searcher.Doc(hit.Doc).Get(KnowledgeAnalysis.EntryId), "N");
            candidates.Add(new ReplyCandidate(id, hit.Score, Coverage(words, _entries[id])));
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

    /// <summary>The message's meaningful words, each with its stems and its weight (rarer in the knowledge base: heavier).</summary>
    private List<QueryWord> QueryWords(string normalized)
    {
        var words = new List<QueryWord>();
        var total = _reader.NumDocs;
        foreach (var word in KnowledgeAnalysis.Words(normalized).Distinct(StringComparer.Ordinal))
        {
            if (word.Length < 2 || KnowledgeAnalysis.AnyStopWord.Contains(word))
            {
                continue;
            }

            var id = KnowledgeAnalysis.Terms(KnowledgeAnalysis.Indonesian, KnowledgeAnalysis.QuestionId, word).FirstOrDefault();
            var en = KnowledgeAnalysis.Terms(KnowledgeAnalysis.English, KnowledgeAnalysis.QuestionEn, word).FirstOrDefault();
            var df = Math.Max(
                Math.Max(DocFreq(KnowledgeAnalysis.QuestionId, id), DocFreq(KnowledgeAnalysis.QuestionEn, en)),
                Math.Max(DocFreq(KnowledgeAnalysis.AnswerId, id), DocFreq(KnowledgeAnalysis.AnswerEn, en)));
            var weight = Math.Log(1 + ((total - df + 0.5) / (df + 0.5)));
            words.Add(new QueryWord(word, id, en, weight, KnowledgeAnalysis.PaddedGrams(word)));
        }

        return words;
    }

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

    private sealed record QueryWord(string Word, string? Indonesian, string? English, double Weight, HashSet<string> Grams);

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

        public bool Holds(QueryWord word) =>
            _words.Contains(word.Word)
            || (word.Indonesian is { } id && _indonesian.Contains(id))
            || (word.English is { } en && _english.Contains(en));

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
