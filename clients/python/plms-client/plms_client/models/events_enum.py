from enum import StrEnum


class EventsEnum(StrEnum):
    ASSESSMENT_CYCLE_CLOSED = "assessment_cycle.closed"
    ASSESSMENT_CYCLE_LAUNCHED = "assessment_cycle.launched"
    ASSESSMENT_SUBMITTED = "assessment.submitted"
    BONUS_RUN_FINALISED = "bonus_run.finalised"
    COMPENSATION_REVIEW_FINALISED = "compensation_review.finalised"
    DEVELOPMENT_PLAN_COMPLETED = "development_plan.completed"
    DEVELOPMENT_PLAN_CREATED = "development_plan.created"
    EMPLOYEE_CREATED = "employee.created"
    EMPLOYEE_DEACTIVATED = "employee.deactivated"
    EMPLOYEE_UPDATED = "employee.updated"
    GOAL_STATUS_CHANGED = "goal.status_changed"
    JOB_ROLE_ASSIGNED = "job_role.assigned"
    LEARNING_COMPLETED = "learning.completed"
    PLAN_BUILD_FINISHED = "plan_build.finished"
    POTENTIAL_ASSESSMENT_CALIBRATED = "potential_assessment.calibrated"
    REVIEW_ANSWERS_SUBMITTED = "review_answers.submitted"
    SUCCESSOR_NOMINATED = "successor.nominated"
    SUCCESSOR_REMOVED = "successor.removed"
    TALENT_POOL_MEMBER_ADDED = "talent_pool.member_added"
    TALENT_POOL_MEMBER_REMOVED = "talent_pool.member_removed"
    WORKFLOW_MILESTONE_DUE = "workflow.milestone_due"

    def __str__(self) -> str:
        return str(self.value)
