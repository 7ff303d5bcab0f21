using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using MultiPhone.Common;
using MultiPhone.Functions.Auth;
using MultiPhone.Functions.Http;
using MultiPhone.PhoneNumbers;
using MultiPhone.Settings;

namespace MultiPhone.Functions.Api;

/// <summary><c>/api/v2/businesses/{businessId}/phone-numbers</c>: the business's locations, one number each.</summary>
public static class PhoneNumbersApi
{
    public static RouteGroupBuilder MapPhoneNumbers(this RouteGroupBuilder business)
    {
        var group = business.MapGroup("/phone-numbers").WithTags("Phone numbers");
        group.MapGet("", ListAsync)
            .WithName("ListPhoneNumbers")
            .WithSummary("List the business's phone numbers")
            .WithDescription("Primary first, then by display name. `active` filters on isActive.");
        group.MapPost("", CreateAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithIdempotency<PhoneNumberInput>()
            .WithName("CreatePhoneNumber")
            .WithSummary("Add a phone number (a location)")
            .WithDescription("The number may be written in any common format; numbers without a country code are read with the "
                + "business's companyProfile.defaultCountry. It is stored and returned as E.164 and must be unused across all "
                + "businesses. The first phone of a business becomes its primary. Its settings inherit the business defaults, "
                + "or, with settings: copyDefaults, start as its own copy of them. The plan's phone-number limit applies (409).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{phoneId}", GetAsync)
            .WithName("GetPhoneNumber")
            .WithSummary("Read one phone number")
            .WithDescription("The number (E.164), its location details, whether it is active and whether it is the primary. "
                + "The ETag also changes when the phone gains or loses the primary role.");
        group.MapPut("/{phoneId}", UpdateAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithName("UpdatePhoneNumber")
            .WithSummary("Replace a phone number's details")
            .WithDescription("phoneNumber cannot change. isActive and isPrimary keep their values when omitted; isPrimary: true "
                + "demotes the current primary. The primary cannot be deactivated or demoted while other phones exist.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapDelete("/{phoneId}", DeleteAsync)
            .RequireBusinessRole(BusinessRole.Admin)
            .WithName("DeletePhoneNumber")
            .WithSummary("Remove a phone number")
            .WithDescription("The primary can be removed only when it is the business's last phone.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        return business;
    }

    private static async Task<Results<Ok<PhoneNumberList>, ProblemHttpResult>> ListAsync(
        string businessId, bool? active, PhoneNumberService phones, CancellationToken ct)
    {
        var result = await phones.ListAsync(businessId, active, ct);
        return result.IsOk
            ? TypedResults.Ok(new PhoneNumberList(result.Value.Select(view => view.ToResponse()).ToList()))
            : result.Problem.ToHttp();
    }

    private static async Task<Results<Created<PhoneNumberResponse>, ProblemHttpResult>> CreateAsync(
        string businessId, PhoneNumberInput input, PhoneNumberCreation creation, SettingsService settings,
        HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        Func<PhoneNumber, CancellationToken, Task>? copyDefaults = input.Settings == NewPhoneSettings.CopyDefaults
            ? (phone, token) => settings.CopyDefaultsAsync(phone.BusinessId, phone.Id, token)
            : null;
        var result = await creation.CreateAsync(businessId, input, copyDefaults, ct);
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = result.Value.ETag;
        return TypedResults.Created($"{request.PathBase}{request.Path}/{result.Value.Phone.Id}", result.Value.ToResponse());
    }

    private static async Task<Results<Ok<PhoneNumberResponse>, ProblemHttpResult>> GetAsync(
        string businessId, string phoneId, PhoneNumberService phones, HttpResponse response, CancellationToken ct) =>
        Respond(await phones.GetAsync(businessId, phoneId, ct), response);

    private static async Task<Results<Ok<PhoneNumberResponse>, ProblemHttpResult>> UpdateAsync(
        string businessId,
        string phoneId,
        PhoneNumberInput input,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        PhoneNumberService phones,
        HttpResponse response,
        CancellationToken ct) =>
        ifMatch is null
            ? Problem.PreconditionRequired().ToHttp()
            : Respond(await phones.UpdateAsync(businessId, phoneId, input, ifMatch, ct), response);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string businessId,
        string phoneId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        PhoneNumberService phones,
        CancellationToken ct)
    {
        if (ifMatch is null)
        {
            return Problem.PreconditionRequired().ToHttp();
        }
        var result = await phones.DeleteAsync(businessId, phoneId, ifMatch, ct);
        return result.IsOk ? TypedResults.NoContent() : result.Problem.ToHttp();
    }

    private static Results<Ok<PhoneNumberResponse>, ProblemHttpResult> Respond(Result<PhoneView> result, HttpResponse response)
    {
        if (!result.IsOk)
        {
            return result.Problem.ToHttp();
        }
        response.Headers.ETag = result.Value.ETag;
        return TypedResults.Ok(result.Value.ToResponse());
    }
}

public sealed record PhoneNumberList(IReadOnlyList<PhoneNumberResponse> Items);
