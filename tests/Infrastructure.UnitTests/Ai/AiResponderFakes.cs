using PesanAI.Application.Common;
using PesanAI.Application.Knowledge;
using PesanAI.Domain.Knowledge;
using PesanAI.Infrastructure.Ai;

namespace PesanAI.Infrastructure.UnitTests.Ai;

/// <summary>The embedded responder's decision and retrieval over an in-memory index (what EmbeddedKnowledgeResponder does over the store).</summary>
internal sealed class IndexedKnowledge(IReadOnlyCollection<KnowledgeEntry> entries) : IKnowledgeResponder, IKnowledgeRetriever, IDisposable
{
    private readonly KnowledgeIndex _index = KnowledgeIndex.Build(entries, version: 1);

    public int Decisions { get; private set; }

    public int Retrievals { get; private set; }

    public ReplyPolicy? LastPolicy { get; private set; }

    public ValueTask<KnowledgeReply> DecideAsync(Guid tenantId, string text, ReplyPolicy policy, CancellationToken cancellationToken)
    {
        Decisions++;
        LastPolicy = policy;
        var decision = ReplyDecider.Decide(text, _index.Search(text), policy, _index.Count);
        var reply = decision.Kind == ReplyKind.Reply ? _index.Find(decision.EntryIds[0])!.Answer : null;
        return ValueTask.FromResult(new KnowledgeReply(decision, reply, _index.Version));
    }

    public ValueTask<KnowledgeRetrieval> RetrieveAsync(Guid tenantId, string text, int count, CancellationToken cancellationToken)
    {
        Retrievals++;
        return ValueTask.FromResult(_index.Retrieve(text, count));
    }

    public void Dispose() => _index.Dispose();
}

/// <summary>A reversible stand-in for Data Protection.</summary>
internal sealed class ReversingProtector : ISecretProtector
{
    public string Protect(string plaintext) => "enc:" + new string([.. plaintext.Reverse()]);

    public string Unprotect(string ciphertext) => new([.. ciphertext["enc:".Length..].Reverse()]);

    public string Hash(string secret) => secret;
}

internal sealed class PlainHttpClients : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new();
}
