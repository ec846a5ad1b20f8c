using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using global::Grpc.Core;
using global::Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http.Timeouts;
using PesanAI.Application.Common;
using PesanAI.Domain.Common;
using PesanAI.Host.Hosting;
using Status = Google.Rpc.Status;

namespace PesanAI.Host.Interceptors;

/// <summary>
/// The one place that turns failures into gRPC status codes with google.rpc details (ARCHITECTURE.md §6).
/// Unexpected failures are logged with the request id and answered INTERNAL without internals.
/// </summary>
public sealed class ExceptionInterceptor(ILogger<ExceptionInterceptor> logger) : Interceptor
{
    public const string ErrorDomain = "pesanai.io";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw ToRpcException(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw ToRpcException(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context,
        ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw ToRpcException(ex, context);
        }
    }

    private RpcException ToRpcException(Exception exception, ServerCallContext context) => exception switch
    {
        ValidationException e => InvalidArgument(e),
        NotFoundException e => new Status
        {
            Code = (int)Code.NotFound,
            Message = e.Message,
            Details = { Any.Pack(new ResourceInfo { ResourceType = e.ResourceType, ResourceName = e.ResourceName }) },
        }.ToRpcException(),
        DomainException e => new Status
        {
            Code = (int)(e.Kind switch
            {
                RuleKind.NotFound => Code.NotFound,
                RuleKind.AlreadyExists => Code.AlreadyExists,
                _ => Code.FailedPrecondition,
            }),
            Message = e.Message,
            Details = { Any.Pack(new ErrorInfo { Reason = e.Reason, Domain = ErrorDomain }) },
        }.ToRpcException(),
        PermissionDeniedException e => new Status
        {
            Code = (int)Code.PermissionDenied,
            Message = e.Message,
            Details = { Any.Pack(new ErrorInfo { Reason = "PERMISSION_DENIED", Domain = ErrorDomain }) },
        }.ToRpcException(),
        ConcurrencyConflictException e => new Status
        {
            Code = (int)Code.Aborted,
            Message = e.Message,
            Details = { Any.Pack(new ErrorInfo { Reason = "VERSION_CONFLICT", Domain = ErrorDomain }) },
        }.ToRpcException(),
        OperationCanceledException when TimedOut(context) =>
            new RpcException(new global::Grpc.Core.Status(StatusCode.DeadlineExceeded, "The call ran past its deadline.")),
        OperationCanceledException =>
            new RpcException(new global::Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled.")),
        UnavailableException e => Unavailable(e, context),

        _ when StorageOutage.Is(exception) => Unavailable(exception, context),
        _ => Internal(exception, context),
    };

    /// <summary>INVALID_ARGUMENT with a BadRequest naming each field; also used where a request is decoded.</summary>
    public static RpcException InvalidArgument(ValidationException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new Status
        {
            Code = (int)Code.InvalidArgument,
            Message = exception.Message,
            Details = { Any.Pack(BadRequestOf(exception)) },
        }.ToRpcException();
    }

    private static BadRequest BadRequestOf(ValidationException exception)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(exception.Violations.Select(
            v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        return badRequest;
    }

    private static bool TimedOut(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var timeout = http.Features.Get<IHttpRequestTimeoutFeature>();
        return timeout?.RequestTimeoutToken.IsCancellationRequested == true || context.Deadline <= DateTime.UtcNow;
    }

    private RpcException Unavailable(Exception exception, ServerCallContext context)
    {
        logger.LogWarning(exception, "Storage unavailable during {Method} (request {RequestId})", context.Method, context.GetHttpContext().TraceIdentifier);
        return StorageOutage.GrpcStatus().ToRpcException();
    }

    private RpcException Internal(Exception exception, ServerCallContext context)
    {
        var requestId = context.GetHttpContext().TraceIdentifier;
        logger.LogError(exception, "Unhandled failure in {Method} (request {RequestId})", context.Method, requestId);
        return new RpcException(new global::Grpc.Core.Status(StatusCode.Internal, $"Internal error (request {requestId})."));
    }
}
