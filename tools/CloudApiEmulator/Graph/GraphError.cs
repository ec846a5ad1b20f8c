using System.Text.Json.Nodes;

namespace PesanAI.CloudApiEmulator.Graph;

/// <summary>One of Meta's Graph API errors: the body a send answers with, or the error in a <c>failed</c> status.</summary>
internal sealed record GraphError(int Code, string Message, string Details, int? Subcode = null, string Type = "OAuthException")
{
    /// <summary>Meta answers these send errors with 400, an invalid token with 401, never with 429.</summary>
    public int HttpStatus { get; init; } = StatusCodes.Status400BadRequest;

    /// <summary>The title a <c>failed</c> status carries.</summary>
    public string Title { get; init; } = Message;

    public IResult ToResult() => EmulatorJson.Result(
        new ErrorBody(new ErrorContent(Message, Type, Code, new ErrorData("whatsapp", Details), Subcode, Ids.FbTraceId())),
        HttpStatus);

    public JsonObject ToStatusError() => new()
    {
        ["code"] = Code,
        ["title"] = Title,
        ["message"] = Title,
        ["error_data"] = new JsonObject { ["details"] = Details },
        ["href"] = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
    };

    private sealed record ErrorBody(ErrorContent Error);

    private sealed record ErrorContent(string Message, string Type, int Code, ErrorData ErrorData, int? ErrorSubcode, string FbtraceId);

    private sealed record ErrorData(string MessagingProduct, string Details);
}
