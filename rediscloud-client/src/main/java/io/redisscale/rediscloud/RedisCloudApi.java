package io.redisscale.rediscloud;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The Redis Cloud REST API calls the services make (configured as {@code quarkus.rest-client.rediscloud}, base
 * {@code https://api.redislabs.com/v1}). Every call carries the account key ({@code x-api-key}) and a user key
 * ({@code x-api-secret-key}). Answers are read raw, through {@link RedisCloudAnswer#exchange}.
 */
@RegisterRestClient(configKey = "rediscloud")
@Consumes("application/json")
@Produces("application/json")
public interface RedisCloudApi {
    /** The Essentials plans ({@code {"plans": [...]}}), of one cloud provider when given (AWS, GCP, Azure). */
    @GET
    @Path("/fixed/plans")
    Response fixedPlans(@HeaderParam("x-api-key") String apiKey, @HeaderParam("x-api-secret-key") String secretKey,
                        @QueryParam("provider") String provider);

    /** One Essentials subscription: its plan, status, cloud provider and region. */
    @GET
    @Path("/fixed/subscriptions/{id}")
    Response fixedSubscription(@HeaderParam("x-api-key") String apiKey, @HeaderParam("x-api-secret-key") String secretKey,
                               @PathParam("id") String subscriptionId);

    /** Moves an Essentials subscription to another plan ({@code {"planId": N}}); answers with a task. */
    @PUT
    @Path("/fixed/subscriptions/{id}")
    Response changeFixedPlan(@HeaderParam("x-api-key") String apiKey, @HeaderParam("x-api-secret-key") String secretKey,
                             @PathParam("id") String subscriptionId, Map<String, Object> body);

    /** A Pro (flexible) subscription: its cloud details and pricing ({@code subscriptionPricing}). */
    @GET
    @Path("/subscriptions/{id}")
    Response proSubscription(@HeaderParam("x-api-key") String apiKey, @HeaderParam("x-api-secret-key") String secretKey,
                             @PathParam("id") String subscriptionId);

    /** One database of a Pro subscription: its status, dataset size, cloud and region. */
    @GET
    @Path("/subscriptions/{id}/databases/{databaseId}")
    Response proDatabase(@HeaderParam("x-api-key") String apiKey, @HeaderParam("x-api-secret-key") String secretKey,
                         @PathParam("id") String subscriptionId, @PathParam("databaseId") String databaseId);

    /** Resizes a Pro database ({@code {"datasetSizeInGb": x}}); answers with a task. */
    @PUT
    @Path("/subscriptions/{id}/databases/{databaseId}")
    Response resizeProDatabase(@HeaderParam("x-api-key") String apiKey, @HeaderParam("x-api-secret-key") String secretKey,
                               @PathParam("id") String subscriptionId, @PathParam("databaseId") String databaseId,
                               Map<String, Object> body);

    /** A task's state: received, processing-in-progress, processing-completed or processing-error. */
    @GET
    @Path("/tasks/{taskId}")
    Response task(@HeaderParam("x-api-key") String apiKey, @HeaderParam("x-api-secret-key") String secretKey,
                  @PathParam("taskId") String taskId);
}
