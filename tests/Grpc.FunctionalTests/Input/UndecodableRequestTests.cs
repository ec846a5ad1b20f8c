using Grpc.Core;

namespace PesanAI.FunctionalTests.Input;

/// <summary>Bytes that are not a request of the method (broken protobuf, invalid UTF-8 in a string) are INVALID_ARGUMENT, not UNKNOWN.</summary>
public sealed class UndecodableRequestTests(PesanAiApp app) : IClassFixture<PesanAiApp>
{
    private const string CreateTenant = "pesanai.tenants.v1.TenantService/CreateTenant";
    private const string ReplayEvents = "pesanai.audit.v1.AuditService/ReplayEvents";
    private const string WatchConversations = "pesanai.conversations.v1.ConversationService/WatchConversations";

    [Theory]
    [InlineData(CreateTenant, false, true, "00", "tag zero")]
    [InlineData(CreateTenant, false, true, "0A0541", "length past the end")]
    [InlineData(CreateTenant, false, true, "20FFFFFFFFFFFFFFFFFFFF01", "varint longer than ten bytes")]
    [InlineData(CreateTenant, false, true, "0C", "end group without a start")]
    [InlineData(CreateTenant, false, true, "0A02C328", "display_name with invalid UTF-8")]
    [InlineData(ReplayEvents, true, false, "1202C328", "stream_ids[0] with invalid UTF-8")]
    [InlineData(ReplayEvents, true, false, "0A0541", "length past the end")]
    [InlineData(WatchConversations, true, false, "08FFFFFFFFFFFFFFFFFFFF01", "varint longer than ten bytes")]
    public async Task Undecodable_bytes_are_invalid_argument(string rpc, bool serverStreaming, bool operatorOnly, string hex, string what)
    {
        var callers = await InputCallers.CreateAsync(app);

        var (code, _) = await RawCall.Send(app.RawChannel(), rpc, serverStreaming, Convert.FromHexString(hex), callers.For(operatorOnly));

        Assert.True(code == StatusCode.InvalidArgument, $"{what}: {code}");
    }
}
