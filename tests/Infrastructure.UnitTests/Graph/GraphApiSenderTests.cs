using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using PesanAI.Application.WhatsApp;
using PesanAI.Domain.Conversations;
using PesanAI.Domain.Messaging;
using PesanAI.Infrastructure.WhatsApp.Graph;

namespace PesanAI.Infrastructure.UnitTests.Graph;

/// <summary>
/// How each answer of Meta's send API maps to an outcome: only what provably did not reach Meta may be retried.
/// (The emulator covers the round trip; these cover the codes it cannot produce on demand.)
/// </summary>
public sealed class GraphApiSenderTests
{
    private static readonly SenderAccount Account = new("1065550001", "102290129340398", "EAAG-token");

    private static readonly MessageQueued Queued = new(
        Guid.CreateVersion7(), Guid.CreateVersion7(), "1065550001", "6281234567890", OutboundContent.OfText("Halo"), "wamid.in1",
        MessageOrigin.Api, null, null, DateTimeOffset.UnixEpoch);

    public static TheoryData<int, Type> MetaErrors => new()
    {
        { 130429, typeof(SendOutcome.NotReached) },
        { 131056, typeof(SendOutcome.NotReached) },
        { 4, typeof(SendOutcome.NotReached) },
        { 80007, typeof(SendOutcome.NotReached) },
        { 131047, typeof(SendOutcome.Refused) },
        { 131026, typeof(SendOutcome.Refused) },
        { 131048, typeof(SendOutcome.Refused) },
        { 131049, typeof(SendOutcome.Refused) },
        { 131050, typeof(SendOutcome.Refused) },
        { 131051, typeof(SendOutcome.Refused) },
        { 132000, typeof(SendOutcome.Refused) },
        { 132001, typeof(SendOutcome.Refused) },
        { 190, typeof(SendOutcome.Refused) },
    };

    [Theory]
    [MemberData(nameof(MetaErrors))]
    public async Task Meta_error_codes_map_to_retry_only_when_not_received(int code, Type expected)
    {
        var outcome = await SendAsync(_ => Error(code == 190 ? HttpStatusCode.Unauthorized : HttpStatusCode.BadRequest, code));

        Assert.IsType(expected, outcome);
        var error = outcome switch { SendOutcome.NotReached n => n.Error, SendOutcome.Refused r => r.Error, _ => null };
        Assert.Equal(code, error?.Code);
    }

    [Fact]
    public async Task Success_gives_the_wamid_and_the_body_carries_the_message_id_as_callback_data()
    {
        JsonNode? sent = null;
        var outcome = await SendAsync(request =>
        {
            sent = JsonNode.Parse(request.Content!.ReadAsStringAsync().Result);
            Assert.Equal("Bearer EAAG-token", request.Headers.Authorization?.ToString());
            Assert.EndsWith("/v21.0/1065550001/messages", request.RequestUri!.AbsolutePath, StringComparison.Ordinal);
            return Json(HttpStatusCode.OK, """{"messaging_product":"whatsapp","contacts":[{"input":"6281234567890","wa_id":"6281234567890"}],"messages":[{"id":"wamid.OK","message_status":"accepted"}]}""");
        });

        Assert.Equal(new SendOutcome.Accepted("wamid.OK"), outcome);
        Assert.Equal(Queued.MessageId.ToString("D"), sent?["biz_opaque_callback_data"]?.GetValue<string>());
        Assert.Equal("wamid.in1", sent?["context"]?["message_id"]?.GetValue<string>());
        Assert.Equal("Halo", sent?["text"]?["body"]?.GetValue<string>());
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task A_5xx_is_in_doubt(HttpStatusCode status)
    {
        Assert.IsType<SendOutcome.InDoubt>(await SendAsync(_ => Json(status, "oops")));
    }

    [Fact]
    public async Task A_200_without_a_message_id_is_in_doubt()
    {
        Assert.IsType<SendOutcome.InDoubt>(await SendAsync(_ => Json(HttpStatusCode.OK, "{}")));
    }

    [Fact]
    public async Task HTTP_429_without_a_Meta_body_is_not_received()
    {
        Assert.IsType<SendOutcome.NotReached>(await SendAsync(_ => Json(HttpStatusCode.TooManyRequests, "slow down")));
    }

    [Fact]
    public async Task A_refused_connection_is_not_received_but_a_reset_one_is_in_doubt()
    {
        var refused = await SendAsync(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)));
        var reset = await SendAsync(_ => throw new HttpRequestException(HttpRequestError.ResponseEnded, "reset"));

        Assert.IsType<SendOutcome.NotReached>(refused);
        Assert.IsType<SendOutcome.InDoubt>(reset);
    }

    [Fact]
    public async Task A_timeout_is_in_doubt()
    {
        Assert.IsType<SendOutcome.InDoubt>(await SendAsync(_ => throw new TaskCanceledException("timeout")));
    }

    private static async Task<SendOutcome> SendAsync(Func<HttpRequestMessage, HttpResponseMessage> answer)
    {
        using var http = new HttpClient(new Answering(answer));
        var sender = new GraphApiSender(http, new GraphApiOptions { BaseUrl = new Uri("http://graph.test/") });
        return await sender.SendAsync(Account, Queued, CancellationToken.None);
    }

    private static HttpResponseMessage Error(HttpStatusCode status, int code) => Json(
        status,
        $$$"""{"error":{"message":"(#{{{code}}}) error","type":"OAuthException","code":{{{code}}},"error_data":{"messaging_product":"whatsapp","details":"details"},"fbtrace_id":"A1"}}""");

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };

    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answer(request));
    }
}
