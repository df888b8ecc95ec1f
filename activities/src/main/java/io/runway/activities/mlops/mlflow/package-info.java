/**
 * The MLflow model registry and tracking server over its REST API 2.0: reads a model version's run
 * metrics, and promotes a version by tagging it with the approval and pointing an alias at it.
 */
package io.runway.activities.mlops.mlflow;
