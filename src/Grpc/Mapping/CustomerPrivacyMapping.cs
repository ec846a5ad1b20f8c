using Google.Protobuf.WellKnownTypes;
using PesanAI.Application.Privacy;
using PesanAI.Domain.Privacy;
using Api = PesanAI.Protos.Privacy.V1;

namespace PesanAI.Host.Mapping;

/// <summary>A customer's export and erasure by hand: the request's oneof in, the erasure's counts out.</summary>
public static class CustomerPrivacyMapping
{
    public static CustomerRef ToCustomer(Api.ExportCustomerDataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Customer((int)request.CustomerCase, request.CustomerId, request.WaId, request.UserId);
    }

    public static CustomerRef ToCustomer(Api.EraseCustomerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Customer((int)request.CustomerCase, request.CustomerId, request.WaId, request.UserId);
    }

    public static Api.CustomerErasure ToApi(CustomerErased erased)
    {
        ArgumentNullException.ThrowIfNull(erased);
        return new Api.CustomerErasure
        {
            ErasureId = erased.ErasureId.ToString(),
            RequestId = erased.RequestId,
            EraseTime = Timestamp.FromDateTimeOffset(erased.ErasedAt),
            RequestedBy = erased.RequestedBy,
            Conversations = erased.Conversations,
            Messages = erased.Messages,
            MediaFiles = erased.MediaFiles,
            ConsentStatements = erased.ConsentStatements,
            OptOutKept = erased.OptOutKept,
        };
    }

    // The oneof's field numbers are the same in both requests: 1 customer_id, 2 wa_id, 3 user_id.
    private static CustomerRef Customer(int which, string customerId, string waId, string userId) => which switch
    {
        1 => new CustomerRef(customerId, null, null),
        2 => new CustomerRef(null, waId, null),
        3 => new CustomerRef(null, null, userId),
        _ => new CustomerRef(null, null, null),
    };
}
