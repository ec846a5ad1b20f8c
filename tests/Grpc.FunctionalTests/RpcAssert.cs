using Google.Rpc;
using Grpc.Core;

namespace PesanAI.FunctionalTests;

internal static class RpcAssert
{
    public static async Task<RpcException> Fails(StatusCode expected, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(expected, exception.StatusCode);
        return exception;
    }

    public static async Task<BadRequest> InvalidArgument(Func<Task> call)
    {
        var exception = await Fails(StatusCode.InvalidArgument, call);
        var badRequest = exception.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        return badRequest;
    }

    public static async Task<ErrorInfo> WithReason(StatusCode expected, string reason, Func<Task> call)
    {
        var exception = await Fails(expected, call);
        var info = exception.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal(reason, info.Reason);
        return info;
    }

    public static ErrorInfo Reason(RpcException exception, StatusCode expected, string reason)
    {
        Assert.Equal(expected, exception.StatusCode);
        var info = exception.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal(reason, info.Reason);
        return info;
    }

    /// <summary>The ErrorInfo reason of a failed call, or null.</summary>
    public static string? ReasonOf(RpcException exception) => exception.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;

    public static void FieldViolation(RpcException exception, string field)
    {
        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
        var badRequest = exception.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Contains(badRequest.FieldViolations, v => v.Field.StartsWith(field, StringComparison.Ordinal));
    }
}
