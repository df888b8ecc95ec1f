/**
 * The one Jackson 2 configuration Runway writes JSON with (read model, adapters, policy).
 * Jackson 2, because Temporal's payload converter is Jackson 2; Spring Boot 4's own mapper is Jackson 3.
 */
package io.runway.activities.json;
