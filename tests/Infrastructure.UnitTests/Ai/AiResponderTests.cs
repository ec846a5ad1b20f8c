using Microsoft.Extensions.Logging.Abstractions;
using PesanAI.Application.Automation;
using PesanAI.Domain.Automation;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Knowledge;
using PesanAI.Infrastructure.Ai;

namespace PesanAI.Infrastructure.UnitTests.Ai;

/// <summary>The AI responder against a fake OpenAI-compatible server on loopback, over the shop's knowledge base.</summary>
public sealed class AiResponderTests : IAsyncLifetime, IDisposable
{
    private const string ApiKey = "sk-test-key";
    private const string Question = "Berapa ongkos kirimnya?";
    private static readonly Guid Ongkir = ShopKnowledge.IdOf("ongkir");

    private readonly IndexedKnowledge _knowledge = new(ShopKnowledge.Entries);
    private readonly ReversingProtector _secrets = new();
    private FakeChatServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _knowledge.Dispose();

    [Fact]
    public async Task An_external_reply_records_provider_model_tokens_latency_and_the_entries_it_was_given()
    {
        _server.Next = new FakeCompletion("Ongkir dihitung saat checkout, kak.", PromptTokens: 321, CompletionTokens: 12);

        var answer = await Answer(External(), Question);

        Assert.Equal(ReplyKind.Reply, answer.Kind);
        Assert.Equal("Ongkir dihitung saat checkout, kak.", answer.ReplyText);
        Assert.Equal(AiResponderReasons.Generated, answer.Reason);
        Assert.Equal("openai_compatible", answer.Provider);
        Assert.Equal("gpt-test", answer.Model);
        Assert.Equal(321, answer.PromptTokens);
        Assert.Equal(12, answer.CompletionTokens);
        Assert.True(answer.Latency > TimeSpan.Zero);
        Assert.Equal(Ongkir, answer.EntryIds[0]);
        Assert.InRange(answer.EntryIds.Count, 1, AiResponder.ContextEntries);

        var request = Assert.Single(_server.Received);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer " + ApiKey, request.Authorization);
        Assert.Equal("gpt-test", request.Json.GetProperty("model").GetString());
        var (role, system) = request.Messages[0];
        Assert.Equal("system", role);
        Assert.Contains("Kamu Sekar, asisten Toko Batik Sekar.", system, StringComparison.Ordinal);
        Assert.Contains(ShopKnowledge.Entries.Single(e => e.Id == Ongkir).Answer, system, StringComparison.Ordinal);
        Assert.Contains(AiPrompt.HandOffMarker, system, StringComparison.Ordinal);
        Assert.Contains("at most 300 characters", system, StringComparison.Ordinal);
        Assert.Contains("id, en", system, StringComparison.Ordinal);
        Assert.Equal(("user", Question), request.Messages[^1]);
    }

    [Fact]
    public async Task Recent_turns_go_along_and_the_customers_unanswered_messages_are_said_once()
    {
        var turns = new List<ConversationTurn>
        {
            new(MessageDirection.Inbound, "Halo", DateTimeOffset.UtcNow.AddMinutes(-3)),
            new(MessageDirection.Outbound, "Halo kak, ada yang bisa dibantu?", DateTimeOffset.UtcNow.AddMinutes(-2)),
            new(MessageDirection.Inbound, Question, DateTimeOffset.UtcNow),
        };

        await Answer(External(), Question, turns);

        var messages = Assert.Single(_server.Received).Messages;
        Assert.Equal([("user", "Halo"), ("assistant", "Halo kak, ada yang bisa dibantu?"), ("user", Question)], messages.Skip(1));
    }

    [Fact]
    public async Task Phone_numbers_emails_and_card_numbers_never_reach_the_provider_when_redaction_is_on()
    {
        const string text = "Halo, saya Budi (0812-3456-7890, budi.santoso@contoh.co.id). Kartu 4111 1111 1111 1111 boleh? Berapa ongkos kirimnya?";
        var turns = new List<ConversationTurn>
        {
            new(MessageDirection.Inbound, "Nomor lain saya +62 811 2222 3333", DateTimeOffset.UtcNow.AddMinutes(-2)),
            new(MessageDirection.Outbound, "Baik kak.", DateTimeOffset.UtcNow.AddMinutes(-1)),
        };

        await Answer(External(), text, turns);
        await Answer(External() with { Redact = false }, text, turns);

        var redacted = _server.Received[0].Body;
        Assert.DoesNotContain("3456", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("budi.santoso", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("4111", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("2222", redacted, StringComparison.Ordinal);
        Assert.Contains("saya Budi ([PHONE], [EMAIL]). Kartu [CARD] boleh? Berapa ongkos kirimnya?", _server.Received[0].Messages[^1].Content, StringComparison.Ordinal);
        Assert.Equal("Nomor lain saya [PHONE]", _server.Received[0].Messages[1].Content);
        Assert.Equal(text, _server.Received[1].Messages[^1].Content);
    }

    [Fact]
    public async Task Ollama_is_asked_on_its_openai_compatible_endpoint()
    {
        _server.Next = new FakeCompletion("Ongkir dihitung saat checkout.");

        var answer = await Answer(External() with { Provider = AiProvider.Ollama, BaseUrl = _server.BaseAddress.ToString(), Model = "llama3.1" }, Question);

        Assert.Equal(("ollama", "llama3.1", ReplyKind.Reply), (answer.Provider, answer.Model, answer.Kind));
        Assert.Equal("/v1/chat/completions", Assert.Single(_server.Received).Path);
    }

    [Fact]
    public async Task A_failing_provider_falls_back_to_the_embedded_responder()
    {
        _server.Next = new FakeCompletion(null, Status: 500);

        var answer = await Answer(External(), Question);

        Assert.Equal(ReplyKind.Reply, answer.Kind);
        Assert.Equal(ShopKnowledge.Entries.Single(e => e.Id == Ongkir).Answer, answer.ReplyText);
        Assert.Equal(AiResponderReasons.ProviderFailed, answer.Reason);
        Assert.Equal((AiResponder.EmbeddedProvider, (string?)null), (answer.Provider, answer.Model));
        Assert.Equal([Ongkir], answer.EntryIds);
        Assert.Single(_server.Received);
    }

    [Fact]
    public async Task A_failing_provider_hands_off_when_the_tenant_prefers_people()
    {
        _server.Next = new FakeCompletion(null, Status: 500);

        var answer = await Answer(External() with { OnFailure = ProviderFailure.HandOff }, Question);

        Assert.Equal((ReplyKind.HandOff, AiResponderReasons.ProviderFailed), (answer.Kind, answer.Reason));
        Assert.Null(answer.ReplyText);
        Assert.Equal(("openai_compatible", "gpt-test"), (answer.Provider, answer.Model));
        Assert.Equal(0, _knowledge.Decisions);
    }

    [Fact]
    public async Task An_unreachable_endpoint_falls_back()
    {
        var answer = await Answer(External() with { BaseUrl = "http://127.0.0.1:1/v1", OnFailure = ProviderFailure.HandOff }, Question);

        Assert.Equal((ReplyKind.HandOff, AiResponderReasons.ProviderFailed), (answer.Kind, answer.Reason));
    }

    [Fact]
    public async Task A_provider_slower_than_the_timeout_is_given_up_on()
    {
        _server.Next = new FakeCompletion("zu spät", Delay: TimeSpan.FromSeconds(20));

        var answer = await Answer(External() with { Timeout = TimeSpan.FromSeconds(1), OnFailure = ProviderFailure.HandOff }, Question);

        Assert.Equal((ReplyKind.HandOff, AiResponderReasons.ProviderFailed), (answer.Kind, answer.Reason));
        Assert.InRange(answer.Latency, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_empty_answer_is_never_sent()
    {
        _server.Next = new FakeCompletion("  ");

        var answer = await Answer(External(), Question);

        Assert.Equal((AiResponderReasons.EmptyReply, AiResponder.EmbeddedProvider), (answer.Reason, answer.Provider));
        Assert.Equal(ShopKnowledge.Entries.Single(e => e.Id == Ongkir).Answer, answer.ReplyText);
        Assert.Equal((120, 15), (answer.PromptTokens, answer.CompletionTokens));
    }

    [Fact]
    public async Task An_answer_over_the_tenants_limit_or_cut_off_is_never_sent()
    {
        _server.Next = new FakeCompletion(new string('x', 301), CompletionTokens: 200);
        var tooLong = await Answer(External() with { OnFailure = ProviderFailure.HandOff }, Question);
        _server.Next = new FakeCompletion("Ongkir dihitung saat", FinishReason: "length");
        var cutOff = await Answer(External() with { OnFailure = ProviderFailure.HandOff }, Question);

        Assert.Equal((ReplyKind.HandOff, AiResponderReasons.ReplyTooLong, 200), (tooLong.Kind, tooLong.Reason, tooLong.CompletionTokens));
        Assert.Null(tooLong.ReplyText);
        Assert.Equal((ReplyKind.HandOff, AiResponderReasons.ReplyTooLong), (cutOff.Kind, cutOff.Reason));
    }

    [Fact]
    public async Task The_models_hand_off_marker_hands_off()
    {
        _server.Next = new FakeCompletion(" [[HANDOFF]] ");

        var answer = await Answer(External(), "Bisa minta tolong cek pesanan saya yang kemarin?");

        Assert.Equal((ReplyKind.HandOff, AiResponderReasons.ModelHandOff, "gpt-test"), (answer.Kind, answer.Reason, answer.Model));
        Assert.Null(answer.ReplyText);
    }

    [Fact]
    public async Task A_hand_off_keyword_hands_off_before_any_model_is_asked()
    {
        var answer = await Answer(External(), "Saya mau bicara dengan CS saja, ongkos kirim salah");

        Assert.Equal((ReplyKind.HandOff, ReplyReasons.HandOffKeyword), (answer.Kind, answer.Reason));
        Assert.Null(answer.Model);
        Assert.Empty(_server.Received);
        Assert.Equal(0, _knowledge.Retrievals);
    }

    [Fact]
    public async Task No_request_leaves_when_external_processing_is_not_allowed()
    {
        var settings = External() with { AllowExternalProcessing = false };

        var embedded = await Answer(settings, Question);
        var handOff = await Answer(settings with { OnFailure = ProviderFailure.HandOff }, Question);

        Assert.Empty(_server.Received);
        Assert.Equal(0, _knowledge.Retrievals);
        Assert.Equal((ReplyKind.Reply, AiResponderReasons.ExternalNotAllowed, AiResponder.EmbeddedProvider), (embedded.Kind, embedded.Reason, embedded.Provider));
        Assert.Equal((ReplyKind.HandOff, AiResponderReasons.ExternalNotAllowed, (string?)null), (handOff.Kind, handOff.Reason, handOff.Model));
    }

    [Fact]
    public async Task Nothing_to_answer_from_hands_off_without_asking_the_model()
    {
        var answer = await Answer(External(), "Zzzq wkwk");

        Assert.Equal((ReplyKind.HandOff, ReplyReasons.NoMatch), (answer.Kind, answer.Reason));
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task The_embedded_provider_decides_with_the_tenants_threshold_and_keywords_within_its_length()
    {
        var settings = AiSettings.Default with { HandOffKeywords = ["bos"], ConfidenceThreshold = 0.35 };

        var matched = await Answer(settings, Question);
        var keyword = await Answer(settings, "panggil bos kamu");
        var strict = await Answer(settings with { ConfidenceThreshold = 1.0 }, Question);
        var tooLong = await Answer(settings with { MaxReplyLength = 20 }, Question);

        Assert.Equal((ReplyKind.Reply, ReplyReasons.Matched, AiResponder.EmbeddedProvider, (string?)null), (matched.Kind, matched.Reason, matched.Provider, matched.Model));
        Assert.Equal([Ongkir], matched.EntryIds);
        Assert.Equal((ReplyKind.HandOff, ReplyReasons.HandOffKeyword), (keyword.Kind, keyword.Reason));
        Assert.Equal((ReplyKind.HandOff, ReplyReasons.LowMargin), (strict.Kind, strict.Reason));
        Assert.Equal((ReplyKind.HandOff, AiResponderReasons.ReplyTooLong), (tooLong.Kind, tooLong.Reason));
        Assert.Equal(new ReplyPolicy(0.35, ["bos"]).Threshold, _knowledge.LastPolicy!.Threshold);
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task Typing_is_shown_once_as_the_external_model_is_asked()
    {
        var typing = new TaskCompletionSource();
        var shown = 0;
        var requestsWhenShown = -1;
        _server.Next = new FakeCompletion("Ongkir dihitung saat checkout, kak.");

        var answering = Answer(External(), Question, showTyping: _ =>
        {
            shown++;
            requestsWhenShown = _server.Received.Count;
            return typing.Task;
        });
        // "typing…" is still on its way while the model is asked: the call does not wait for it.
        await WaitUntilAsync(() => _server.Received.Count == 1);
        typing.SetResult();
        var answer = await answering;

        Assert.Equal((1, 0), (shown, requestsWhenShown));
        Assert.Equal((ReplyKind.Reply, AiResponderReasons.Generated), (answer.Kind, answer.Reason));
    }

    [Fact]
    public async Task A_failure_to_show_typing_does_not_fail_the_answer()
    {
        _server.Next = new FakeCompletion("Ongkir dihitung saat checkout, kak.");

        var answer = await Answer(External(), Question, showTyping: _ => Task.FromException(new HttpRequestException("Meta unreachable")));

        Assert.Equal((ReplyKind.Reply, "Ongkir dihitung saat checkout, kak."), (answer.Kind, answer.ReplyText));
    }

    [Fact]
    public async Task Typing_is_not_shown_when_no_external_model_is_asked()
    {
        var shown = 0;
        Task Show(CancellationToken _)
        {
            shown++;
            return Task.CompletedTask;
        }

        await Answer(AiSettings.Default, Question, showTyping: Show);
        await Answer(External(), "Saya mau bicara dengan CS saja", showTyping: Show);
        await Answer(External() with { AllowExternalProcessing = false }, Question, showTyping: Show);
        await Answer(External(), "Zzzq wkwk", showTyping: Show);

        Assert.Equal(0, shown);
    }

    private static async Task WaitUntilAsync(Func<bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (!done())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(10);
        }
    }

    private async Task<AiAnswer> Answer(
        AiSettings settings, string text, IReadOnlyList<ConversationTurn>? turns = null, Func<CancellationToken, Task>? showTyping = null)
    {
        var responder = new AiResponder(_knowledge, _knowledge, _secrets, new PlainHttpClients(), TimeProvider.System, NullLogger<AiResponder>.Instance);
        return await responder.AnswerAsync(new AiRequest(Guid.NewGuid(), Guid.NewGuid(), settings, text, turns ?? []) { ShowTyping = showTyping }, CancellationToken.None);
    }

    private AiSettings External() => AiSettings.Default with
    {
        Enabled = true,
        Provider = AiProvider.OpenAiCompatible,
        BaseUrl = _server.V1,
        Model = "gpt-test",
        ProtectedApiKey = _secrets.Protect(ApiKey),
        Persona = "Kamu Sekar, asisten Toko Batik Sekar.",
        MaxReplyLength = 300,
        AllowExternalProcessing = true,
        Timeout = TimeSpan.FromSeconds(10),
    };
}
