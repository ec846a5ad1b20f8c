using System.Text.Json;

namespace PesanAI.Infrastructure.UnitTests.Ai;

/// <summary>
/// The evaluation sets of issue 18 (bench/PesanAI.Bench/Knowledge/EvalSets, run by <c>--mode ai-eval</c>) are what
/// their README says: large enough, consistent, split in two parts, every kind of question present. Figures are
/// the bench's business, not asserted here.
/// </summary>
public sealed class EvalSetFilesTests
{
    private static readonly string[] Kinds = ["direct", "paraphrase", "colloquial", "typo", "cross_language", "unanswerable", "near_miss"];

    public static TheoryData<string> Files() => [.. Directory.EnumerateFiles(Folder(), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void There_are_at_least_three_sets()
    {
        Assert.True(Files().Count >= 3);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_set_is_large_enough_and_consistent(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder(), file)));
        var root = document.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("business").GetString()));
        var entries = root.GetProperty("entries").EnumerateArray().ToList();
        var questions = root.GetProperty("questions").EnumerateArray().ToList();

        Assert.True(entries.Count >= 25, $"{entries.Count} entries");
        var keys = entries.Select(e => Text(e, "key")).ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(Text(e, "question")));
            Assert.False(string.IsNullOrWhiteSpace(Text(e, "answer")));
            Assert.Contains(Text(e, "language"), new[] { "id", "en" });
            Assert.All(e.GetProperty("tags").EnumerateArray(), t => Assert.False(string.IsNullOrWhiteSpace(t.GetString())));
        });
        Assert.True(entries.Count(e => Text(e, "language") == "en") >= 0.3 * entries.Count, "at least 30 % English entries");

        Assert.True(questions.Count >= 60, $"{questions.Count} questions");
        var expected = questions.Select(q => q.GetProperty("expected")).ToList();
        Assert.All(expected.Where(e => e.ValueKind != JsonValueKind.Null), e => Assert.Contains(e.GetString(), keys));
        Assert.All(questions, q =>
        {
            Assert.False(string.IsNullOrWhiteSpace(Text(q, "text")));
            Assert.Contains(Text(q, "kind"), Kinds);
            Assert.Contains(Text(q, "language"), new[] { "id", "en", "mixed" });
            Assert.Contains(Text(q, "part"), new[] { "dev", "test" });
            var unanswerable = q.GetProperty("expected").ValueKind == JsonValueKind.Null;
            Assert.True(unanswerable == Text(q, "kind") is "unanswerable" or "near_miss", $"'{Text(q, "text")}': only unanswerable and near_miss questions expect no entry");
        });

        var languageOf = entries.ToDictionary(e => Text(e, "key"), e => Text(e, "language"), StringComparer.Ordinal);
        Assert.All(questions.Where(q => Text(q, "kind") == "cross_language"), q =>
            Assert.NotEqual(languageOf[Text(q, "expected")], Text(q, "language")));
        Assert.True(expected.Count(e => e.ValueKind == JsonValueKind.Null) >= 0.25 * questions.Count, "at least 25 % unanswerable");
        Assert.True(questions.Count(q => Text(q, "kind") == "cross_language") >= 0.15 * questions.Count, "at least 15 % cross-language");
        Assert.True(questions.Count(q => Text(q, "kind") is "colloquial" or "typo") >= 0.2 * questions.Count, "at least 20 % colloquial or typos");
        foreach (var part in new[] { "dev", "test" })
        {
            var inPart = questions.Where(q => Text(q, "part") == part).ToList();
            Assert.NotEmpty(inPart);
            Assert.All(Kinds, kind => Assert.Contains(inPart, q => Text(q, "kind") == kind));
        }
    }

    private static string Text(JsonElement element, string name) => element.GetProperty(name).GetString() ?? string.Empty;

    private static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PesanAI.sln")))
            {
                return Path.Combine(dir.FullName, "bench", "PesanAI.Bench", "Knowledge", "EvalSets");
            }
        }

        throw new InvalidOperationException($"No PesanAI.sln above {AppContext.BaseDirectory}");
    }
}
