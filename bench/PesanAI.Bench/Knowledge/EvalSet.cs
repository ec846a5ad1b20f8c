using System.Text.Json;
using System.Text.Json.Serialization;
using PesanAI.Domain.Common;
using PesanAI.Domain.Knowledge;
using PesanAI.Infrastructure.UnitTests.Ai;

namespace PesanAI.Bench.Knowledge;

/// <summary>One knowledge base and the customers' questions put to it (the format: Knowledge/EvalSets/README.md).</summary>
/// <remarks>Entry ids are name-based on <see cref="IdPrefix"/> and the key: ties in ranking break by id, so they are stable.</remarks>
internal sealed record EvalSet(string Name, string Business, IReadOnlyList<EvalEntry> Entries, IReadOnlyList<EvalQuestion> Questions, string IdPrefix)
{
    public const string Dev = "dev";
    public const string Test = "test";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The folder the bench copies the sets to (next to the executable).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Knowledge", "EvalSets");

    /// <summary>Whether some entry has alternative phrasings.</summary>
    public bool HasAlternatives => Entries.Any(e => e.Alternatives is { Count: > 0 });

    /// <summary>The knowledge base as the API stores it: each entry checked and normalized by <see cref="KnowledgeRules"/>.</summary>
    public IReadOnlyList<KnowledgeEntry> KnowledgeEntries() => [.. Entries.Select((e, i) =>
    {
        var draft = new KnowledgeDraft(e.Question, e.Answer, e.Tags, e.Language) { Alternatives = e.Alternatives };
        KnowledgeRules.Ensure(draft, $"{Name}: entries[{i}].");
        var stored = KnowledgeRules.Normalize(draft);
        var at = DateTimeOffset.UnixEpoch.AddMinutes(i);
        return new KnowledgeEntry(IdOf(e.Key), stored.Question!, stored.Answer!, stored.TagList, stored.Language!, at, at) { Alternatives = stored.AlternativeList };
    })];

    /// <summary>The same set as its owner first wrote it: no alternative phrasings (same entry ids).</summary>
    public EvalSet WithoutAlternatives() => this with { Entries = [.. Entries.Select(e => e with { Alternatives = null })] };

    public Guid IdOf(string key) => NameBasedGuid.From(IdPrefix + key);

    /// <summary>The sets in <see cref="Folder"/>, by file name.</summary>
    public static IReadOnlyList<EvalSet> LoadFiles()
    {
        if (!Directory.Exists(Folder))
        {
            throw new InvalidOperationException($"No evaluation sets in {Folder}: build bench/PesanAI.Bench first.");
        }

        return [.. Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal).Select(Load)];
    }

    private static EvalSet Load(string path)
    {
        var file = JsonSerializer.Deserialize<EvalFile>(File.ReadAllText(path), Json)
            ?? throw new InvalidOperationException($"{path} is empty.");
        var name = Path.GetFileNameWithoutExtension(path);
        return new EvalSet(name, file.Business, file.Entries, file.Questions, $"ai-eval:{name}:");
    }

    /// <summary>
    /// The batik shop set the responder was tuned on (tests/Infrastructure.UnitTests/Ai/ShopKnowledge.cs, compiled
    /// in here as a linked file, with its entry ids): every question counts as development, of no labelled kind.
    /// </summary>
    public static EvalSet Batik() => new(
        "batik",
        "Toko Batik Sekar (the tuned-on set, development only)",
        [.. ShopKnowledge.Items.Select(i => new EvalEntry(i.Key, i.Question, i.Answer, i.Tags, i.Language))],
        [.. ShopKnowledge.Probes.Select(p => new EvalQuestion(p.Text, p.Expected, "unlabelled", "?", Dev))],
        "shop-knowledge:");

    private sealed record EvalFile(string Business, string? Description, IReadOnlyList<EvalEntry> Entries, IReadOnlyList<EvalQuestion> Questions);
}

/// <summary>An entry; <see cref="Alternatives"/> are the other phrasings its owner gave (see EvalSets/README.md), if any.</summary>
internal sealed record EvalEntry(string Key, string Question, string Answer, IReadOnlyList<string> Tags, string Language, IReadOnlyList<string>? Alternatives = null);

internal sealed record EvalQuestion(string Text, string? Expected, string Kind, string Language, string Part);
