using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;
using OpenAIChatClient = OpenAI.Chat.ChatClient;
using PesanAI.Application.Automation;
using PesanAI.Application.Common;
using PesanAI.Application.Knowledge;
using PesanAI.Domain.Automation;
using PesanAI.Domain.Knowledge;

namespace PesanAI.Infrastructure.Ai;

/// <summary>
/// The AI behind a tenant's settings. Embedded: the knowledge responder decides. External (OpenAI-compatible, or
/// Ollama through its OpenAI-compatible endpoint): a message asking for a person hands off at once; otherwise, only
/// when customer text may leave the platform, the best entries are retrieved and a chat model answers from them
/// (<see cref="AiPrompt"/>) within the tenant's timeout, and a failure (error, timeout, empty or over-long answer)
/// falls back to the embedded responder or to people, as the settings say.
/// </summary>
/// <remarks>
/// Provider and model name who decided in the end: a fallback to the embedded responder is "embedded" without a model;
/// the model is set only when it was called. Token counts are what the external model reported for the call, also
/// when its answer was not used. Nothing of the conversation is logged.
/// </remarks>
public sealed partial class AiResponder(
    IKnowledgeResponder knowledge,
    IKnowledgeRetriever retriever,
    ISecretProtector secrets,
    IHttpClientFactory httpClients,
    TimeProvider clock,
    ILogger<AiResponder> logger) : IAiResponder
{
    /// <summary>The named HttpClient external providers are called with (no retry handler: a retried completion costs twice).</summary>
    public const string HttpClientName = "pesanai-ai";

    /// <summary>How many entries the model is given.</summary>
    public const int ContextEntries = 5;

    public const string EmbeddedProvider = "embedded";

    /// <summary>What the OpenAI client sends to an endpoint that wants no key (Ollama, a local server).</summary>
    private const string NoKey = "no-key";

    public async Task<AiAnswer> AnswerAsync(AiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = clock.GetTimestamp();
        var settings = request.Settings;
        if (settings.Provider is not (AiProvider.OpenAiCompatible or AiProvider.Ollama))
        {
            return await Embedded(request, null, new Call(started), cancellationToken);
        }

        var call = new Call(started) { Provider = ProviderName(settings.Provider) };
        if (ReplyDecider.AsksForPerson(request.CustomerText, settings.HandOffKeywords))
        {
            return HandOff(ReplyReasons.HandOffKeyword, call);
        }

        if (!settings.AllowExternalProcessing)
        {
            return await Fallback(request, AiResponderReasons.ExternalNotAllowed, call, cancellationToken);
        }

        var retrieval = await retriever.RetrieveAsync(request.TenantId, request.CustomerText, ContextEntries, cancellationToken);
        if (retrieval.Entries.Count == 0)
        {
            // Nothing to answer from: the model would have to hand off anyway, so the text does not leave.
            return HandOff(retrieval.EntryCount == 0 ? ReplyReasons.EmptyKnowledgeBase : ReplyReasons.NoMatch, call);
        }

        call = call with { Model = settings.Model, EntryIds = [.. retrieval.Entries.Select(e => e.Id)], Score = retrieval.Confidence };

        // "typing…" goes to Meta while the model thinks (not before it: the model is not always asked), and is awaited
        // before any answer leaves here, so it never reaches the customer after the reply.
        var typing = request.ShowTyping?.Invoke(cancellationToken) ?? Task.CompletedTask;
        ChatResponse response;
        try
        {
            using var timeout = new CancellationTokenSource(settings.Timeout, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            response = await ChatClientFor(settings).GetResponseAsync(
                AiPrompt.Build(request, retrieval.Entries),
                new ChatOptions { MaxOutputTokens = MaxOutputTokens(settings.MaxReplyLength), Temperature = 0.2f },
                linked.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogProviderFailed(logger, call.Provider, request.TenantId, ex is OperationCanceledException ? "timeout" : ex.GetType().Name, Status(ex));
            await AfterTypingAsync(typing, request.TenantId);
            return await Fallback(request, AiResponderReasons.ProviderFailed, call, cancellationToken);
        }

        await AfterTypingAsync(typing, request.TenantId);

        call = call with { PromptTokens = Tokens(response.Usage?.InputTokenCount), CompletionTokens = Tokens(response.Usage?.OutputTokenCount) };
        var text = response.Text?.Trim() ?? string.Empty;
        if (text.Contains(AiPrompt.HandOffMarker, StringComparison.Ordinal))
        {
            return HandOff(AiResponderReasons.ModelHandOff, call);
        }

        if (text.Length == 0)
        {
            return await Fallback(request, AiResponderReasons.EmptyReply, call, cancellationToken);
        }

        if (text.Length > settings.MaxReplyLength || response.FinishReason == ChatFinishReason.Length)
        {
            return await Fallback(request, AiResponderReasons.ReplyTooLong, call, cancellationToken);
        }

        return Answer(ReplyKind.Reply, text, AiResponderReasons.Generated, call);
    }

    /// <summary>Waits for "typing…" to have gone; its failure never fails the answer.</summary>
    private async Task AfterTypingAsync(Task typing, Guid tenantId)
    {
        try
        {
            await typing;
        }
        catch (Exception ex)
        {
            LogTypingFailed(logger, tenantId, ex.GetType().Name);
        }
    }

    public static string ProviderName(AiProvider provider) => provider switch
    {
        AiProvider.OpenAiCompatible => "openai_compatible",
        AiProvider.Ollama => "ollama",
        _ => EmbeddedProvider,
    };

    /// <summary>The chat-completions base: the configured URL, or for Ollama its OpenAI-compatible <c>/v1</c> under it.</summary>
    public static Uri EndpointOf(AiSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var baseUrl = settings.BaseUrl!.TrimEnd('/');
        return new Uri(settings.Provider == AiProvider.Ollama && !baseUrl.EndsWith("/v1", StringComparison.Ordinal) ? baseUrl + "/v1" : baseUrl);
    }

    /// <summary>The embedded responder's decision (with <paramref name="reason"/> instead of its own when it stands in for a failed provider).</summary>
    private async Task<AiAnswer> Embedded(AiRequest request, string? reason, Call call, CancellationToken cancellationToken)
    {
        var settings = request.Settings;
        var reply = await knowledge.DecideAsync(
            request.TenantId,
            request.CustomerText,
            new ReplyPolicy(settings.ConfidenceThreshold, settings.HandOffKeywords),
            cancellationToken);
        var decision = reply.Decision;
        call = call with { Provider = EmbeddedProvider, Model = null, EntryIds = decision.EntryIds, Score = decision.Confidence };
        if (decision.Kind == ReplyKind.Reply && (string.IsNullOrWhiteSpace(reply.ReplyText) || reply.ReplyText.Length > settings.MaxReplyLength))
        {
            return HandOff(AiResponderReasons.ReplyTooLong, call);
        }

        return Answer(decision.Kind, decision.Kind == ReplyKind.Reply ? reply.ReplyText : null, reason ?? decision.Reason, call);
    }

    private async Task<AiAnswer> Fallback(AiRequest request, string reason, Call call, CancellationToken cancellationToken) =>
        request.Settings.OnFailure == ProviderFailure.Embedded
            ? await Embedded(request, reason, call, cancellationToken)
            : HandOff(reason, call);

    private AiAnswer HandOff(string reason, Call call) => Answer(ReplyKind.HandOff, null, reason, call);

    private AiAnswer Answer(ReplyKind kind, string? text, string reason, Call call) => new(
        kind,
        text,
        reason,
        call.Provider,
        call.Model,
        call.EntryIds,
        call.Score,
        clock.GetElapsedTime(call.Started),
        call.PromptTokens,
        call.CompletionTokens);

    private IChatClient ChatClientFor(AiSettings settings)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = EndpointOf(settings),
            Transport = new HttpClientPipelineTransport(httpClients.CreateClient(HttpClientName)),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = settings.Timeout,
        };
        var key = settings.ProtectedApiKey is { } protectedKey ? secrets.Unprotect(protectedKey) : NoKey;
        return new OpenAIChatClient(settings.Model, new ApiKeyCredential(key), options).AsIChatClient();
    }

    /// <summary>Room for a reply of the tenant's length (about two characters a token, generous for Indonesian), bounded.</summary>
    private static int MaxOutputTokens(int maxReplyLength) => Math.Clamp((maxReplyLength / 2) + 64, 64, 2_048);

    private static int? Tokens(long? count) => count is { } n ? (int)Math.Min(n, int.MaxValue) : null;

    private static int? Status(Exception ex) => ex is ClientResultException { Status: > 0 } result ? result.Status : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Showing typing failed for tenant {TenantId} ({Failure}); answering without it")]
    private static partial void LogTypingFailed(ILogger logger, Guid tenantId, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The AI provider {Provider} failed for tenant {TenantId} ({Failure}, HTTP status {Status}); falling back")]
    private static partial void LogProviderFailed(ILogger logger, string provider, Guid tenantId, string failure, int? status);

    /// <summary>What is known about one answer so far.</summary>
    private sealed record Call(long Started)
    {
        public string Provider { get; init; } = EmbeddedProvider;

        public string? Model { get; init; }

        public IReadOnlyList<Guid> EntryIds { get; init; } = [];

        public double Score { get; init; }

        public int? PromptTokens { get; init; }

        public int? CompletionTokens { get; init; }
    }
}
