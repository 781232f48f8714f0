"""Contains all the data models used in inputs/outputs"""

from .action_item import ActionItem
from .action_item_request import ActionItemRequest
from .addition_request import AdditionRequest
from .adjust_request import AdjustRequest
from .adjusted_gap import AdjustedGap
from .answer_input_request import AnswerInputRequest
from .answers_input_request import AnswersInputRequest
from .approve_request import ApproveRequest
from .aspiration import Aspiration
from .aspiration_gap import AspirationGap
from .aspiration_request import AspirationRequest
from .assessment import Assessment
from .assessment_cycle import AssessmentCycle
from .assessment_cycle_request import AssessmentCycleRequest
from .assessment_cycle_status_enum import AssessmentCycleStatusEnum
from .assessment_cycles_list_scope import AssessmentCyclesListScope
from .assessment_cycles_list_status import AssessmentCyclesListStatus
from .assessment_kind_enum import AssessmentKindEnum
from .assessment_status_enum import AssessmentStatusEnum
from .assessments_list_kind import AssessmentsListKind
from .assessments_list_status import AssessmentsListStatus
from .audit_event import AuditEvent
from .bench import Bench
from .blank_enum import BlankEnum
from .bonus_line import BonusLine
from .bonus_run import BonusRun
from .bonus_run_detail import BonusRunDetail
from .bonus_run_detail_rating_multipliers import BonusRunDetailRatingMultipliers
from .bonus_run_rating_multipliers import BonusRunRatingMultipliers
from .bonus_run_request import BonusRunRequest
from .bonus_run_request_rating_multipliers import BonusRunRequestRatingMultipliers
from .bonus_runs_export_retrieve_file_format import BonusRunsExportRetrieveFileFormat
from .budget import Budget
from .budget_request import BudgetRequest
from .bulk_employee_item_request import BulkEmployeeItemRequest
from .bulk_matrix_manager_request import BulkMatrixManagerRequest
from .bulk_upsert_item_result import BulkUpsertItemResult
from .bulk_upsert_item_result_status_enum import BulkUpsertItemResultStatusEnum
from .bulk_upsert_request import BulkUpsertRequest
from .bulk_upsert_result import BulkUpsertResult
from .cadence_enum import CadenceEnum
from .calibrate_request import CalibrateRequest
from .capabilities_list_status import CapabilitiesListStatus
from .capability import Capability
from .capability_gap import CapabilityGap
from .capability_level import CapabilityLevel
from .capability_level_request import CapabilityLevelRequest
from .capability_request import CapabilityRequest
from .capability_status_enum import CapabilityStatusEnum
from .capability_update import CapabilityUpdate
from .career_path import CareerPath
from .career_path_request import CareerPathRequest
from .career_path_update import CareerPathUpdate
from .catalogue_capability import CatalogueCapability
from .catalogue_level import CatalogueLevel
from .cell import Cell
from .cell_request import CellRequest
from .change_request import ChangeRequest
from .check_in import CheckIn
from .check_in_create_request import CheckInCreateRequest
from .check_in_status_enum import CheckInStatusEnum
from .check_ins_list_status import CheckInsListStatus
from .close_request import CloseRequest
from .compensation_reviews_payroll_retrieve_file_format import CompensationReviewsPayrollRetrieveFileFormat
from .competency_scale import CompetencyScale
from .complete_request import CompleteRequest
from .completion import Completion
from .completion_input_request import CompletionInputRequest
from .confidence_enum import ConfidenceEnum
from .confirm_request import ConfirmRequest
from .content_gap import ContentGap
from .critical_role import CriticalRole
from .critical_role_request import CriticalRoleRequest
from .deadlines import Deadlines
from .deadlines_request import DeadlinesRequest
from .decision_request import DecisionRequest
from .department import Department
from .department_heatmap import DepartmentHeatmap
from .department_multiplier import DepartmentMultiplier
from .department_multiplier_request import DepartmentMultiplierRequest
from .department_request import DepartmentRequest
from .development_plan import DevelopmentPlan
from .development_plans_list_kind import DevelopmentPlansListKind
from .development_plans_list_status import DevelopmentPlansListStatus
from .direction_enum import DirectionEnum
from .email_state_enum import EmailStateEnum
from .employee import Employee
from .employee_gaps import EmployeeGaps
from .employee_request import EmployeeRequest
from .enps import Enps
from .equity_cell import EquityCell
from .equity_group import EquityGroup
from .equity_report import EquityReport
from .error import Error
from .error_fields import ErrorFields
from .escalate_to_enum import EscalateToEnum
from .escalation import Escalation
from .escalation_request import EscalationRequest
from .events_enum import EventsEnum
from .evidence import Evidence
from .expert_grant import ExpertGrant
from .expert_grant_request import ExpertGrantRequest
from .external_rating import ExternalRating
from .external_rating_request import ExternalRatingRequest
from .feedback import Feedback
from .feedback_kind_enum import FeedbackKindEnum
from .feedback_list_kind import FeedbackListKind
from .feedback_list_visibility import FeedbackListVisibility
from .feedback_request import FeedbackRequest
from .feedback_request_status_enum import FeedbackRequestStatusEnum
from .gap import Gap
from .goal import Goal
from .goal_change_request_status_enum import GoalChangeRequestStatusEnum
from .goal_detail import GoalDetail
from .goal_detail_pending_change_type_0 import GoalDetailPendingChangeType0
from .goal_detail_smart import GoalDetailSmart
from .goal_request import GoalRequest
from .goal_status_enum import GoalStatusEnum
from .goal_template import GoalTemplate
from .goal_template_request import GoalTemplateRequest
from .goal_update import GoalUpdate
from .goal_update_request import GoalUpdateRequest
from .goals_list_level import GoalsListLevel
from .goals_list_owner_type import GoalsListOwnerType
from .goals_list_perspective import GoalsListPerspective
from .goals_list_status import GoalsListStatus
from .heatmap_capability import HeatmapCapability
from .heatmap_cell import HeatmapCell
from .heatmap_department import HeatmapDepartment
from .history import History
from .impact_capability import ImpactCapability
from .impact_cost import ImpactCost
from .impact_item import ImpactItem
from .impact_plan import ImpactPlan
from .impact_rates import ImpactRates
from .indicator_enum import IndicatorEnum
from .item_progress_request import ItemProgressRequest
from .job_role import JobRole
from .job_role_assignment import JobRoleAssignment
from .job_role_assignment_request import JobRoleAssignmentRequest
from .job_role_request import JobRoleRequest
from .key_result import KeyResult
from .key_result_request import KeyResultRequest
from .kpi_direction_enum import KpiDirectionEnum
from .launch import Launch
from .launch_request import LaunchRequest
from .learning_impact import LearningImpact
from .learning_item import LearningItem
from .learning_item_request import LearningItemRequest
from .learning_items_list_completion_outcome import LearningItemsListCompletionOutcome
from .learning_items_list_kind import LearningItemsListKind
from .leave_rule_enum import LeaveRuleEnum
from .level_enum import LevelEnum
from .level_link import LevelLink
from .level_link_request import LevelLinkRequest
from .matrix_manager import MatrixManager
from .matrix_manager_request import MatrixManagerRequest
from .me import Me
from .member_remove_request import MemberRemoveRequest
from .milestone_request import MilestoneRequest
from .named_answer import NamedAnswer
from .notification import Notification
from .notification_read_all import NotificationReadAll
from .offered_content import OfferedContent
from .organization import Organization
from .outlier import Outlier
from .outlier_kind_enum import OutlierKindEnum
from .outlier_ratings_item import OutlierRatingsItem
from .owner_type_enum import OwnerTypeEnum
from .paginated_action_item_list import PaginatedActionItemList
from .paginated_aspiration_list import PaginatedAspirationList
from .paginated_assessment_cycle_list import PaginatedAssessmentCycleList
from .paginated_assessment_list import PaginatedAssessmentList
from .paginated_audit_event_list import PaginatedAuditEventList
from .paginated_bonus_line_list import PaginatedBonusLineList
from .paginated_bonus_run_list import PaginatedBonusRunList
from .paginated_capability_list import PaginatedCapabilityList
from .paginated_capability_update_list import PaginatedCapabilityUpdateList
from .paginated_career_path_list import PaginatedCareerPathList
from .paginated_catalogue_capability_list import PaginatedCatalogueCapabilityList
from .paginated_change_request_list import PaginatedChangeRequestList
from .paginated_check_in_list import PaginatedCheckInList
from .paginated_competency_scale_list import PaginatedCompetencyScaleList
from .paginated_completion_list import PaginatedCompletionList
from .paginated_content_gap_list import PaginatedContentGapList
from .paginated_critical_role_list import PaginatedCriticalRoleList
from .paginated_department_list import PaginatedDepartmentList
from .paginated_development_plan_list import PaginatedDevelopmentPlanList
from .paginated_employee_list import PaginatedEmployeeList
from .paginated_expert_grant_list import PaginatedExpertGrantList
from .paginated_external_rating_list import PaginatedExternalRatingList
from .paginated_feedback_list import PaginatedFeedbackList
from .paginated_goal_list import PaginatedGoalList
from .paginated_goal_template_list import PaginatedGoalTemplateList
from .paginated_goal_update_list import PaginatedGoalUpdateList
from .paginated_heatmap_cell_list import PaginatedHeatmapCellList
from .paginated_history_list import PaginatedHistoryList
from .paginated_impact_capability_list import PaginatedImpactCapabilityList
from .paginated_impact_item_list import PaginatedImpactItemList
from .paginated_impact_plan_list import PaginatedImpactPlanList
from .paginated_job_role_assignment_list import PaginatedJobRoleAssignmentList
from .paginated_job_role_list import PaginatedJobRoleList
from .paginated_learning_item_list import PaginatedLearningItemList
from .paginated_notification_list import PaginatedNotificationList
from .paginated_outlier_list import PaginatedOutlierList
from .paginated_pay_grade_list import PaginatedPayGradeList
from .paginated_pay_record_list import PaginatedPayRecordList
from .paginated_peer_nomination_list import PaginatedPeerNominationList
from .paginated_peer_suggestion_list import PaginatedPeerSuggestionList
from .paginated_performance_rating_list import PaginatedPerformanceRatingList
from .paginated_personal_data_export_list import PaginatedPersonalDataExportList
from .paginated_plan_item_list import PaginatedPlanItemList
from .paginated_potential_assessment_list import PaginatedPotentialAssessmentList
from .paginated_proposal_list import PaginatedProposalList
from .paginated_question_answer_list import PaginatedQuestionAnswerList
from .paginated_rating_list import PaginatedRatingList
from .paginated_rating_preview_list import PaginatedRatingPreviewList
from .paginated_reader_list import PaginatedReaderList
from .paginated_request_for_feedback_list import PaginatedRequestForFeedbackList
from .paginated_review_action_list import PaginatedReviewActionList
from .paginated_review_answer_row_list import PaginatedReviewAnswerRowList
from .paginated_review_decision_list import PaginatedReviewDecisionList
from .paginated_review_list import PaginatedReviewList
from .paginated_review_move_list import PaginatedReviewMoveList
from .paginated_review_template_list import PaginatedReviewTemplateList
from .paginated_review_template_version_list import PaginatedReviewTemplateVersionList
from .paginated_slate_reader_list import PaginatedSlateReaderList
from .paginated_successor_list import PaginatedSuccessorList
from .paginated_successor_nomination_list import PaginatedSuccessorNominationList
from .paginated_suggested_member_list import PaginatedSuggestedMemberList
from .paginated_survey_list import PaginatedSurveyList
from .paginated_survey_result_list import PaginatedSurveyResultList
from .paginated_talent_pool_list import PaginatedTalentPoolList
from .paginated_talent_review_list import PaginatedTalentReviewList
from .paginated_webhook_delivery_list import PaginatedWebhookDeliveryList
from .paginated_webhook_subscription_list import PaginatedWebhookSubscriptionList
from .paginated_workflow_list import PaginatedWorkflowList
from .paginated_workflow_run_list import PaginatedWorkflowRunList
from .part_enum import PartEnum
from .patched_assessment_cycle_request import PatchedAssessmentCycleRequest
from .patched_capability_request import PatchedCapabilityRequest
from .patched_career_path_update_request import PatchedCareerPathUpdateRequest
from .patched_check_in_patch_request import PatchedCheckInPatchRequest
from .patched_competency_scale_request import PatchedCompetencyScaleRequest
from .patched_competency_scale_request_mapping import PatchedCompetencyScaleRequestMapping
from .patched_critical_role_update_request import PatchedCriticalRoleUpdateRequest
from .patched_employee_request import PatchedEmployeeRequest
from .patched_goal_patch_request import PatchedGoalPatchRequest
from .patched_job_role_request import PatchedJobRoleRequest
from .patched_learning_item_request import PatchedLearningItemRequest
from .patched_pay_grade_request import PatchedPayGradeRequest
from .patched_review_template_request import PatchedReviewTemplateRequest
from .patched_review_template_request_sections import PatchedReviewTemplateRequestSections
from .patched_successor_update_request import PatchedSuccessorUpdateRequest
from .patched_survey_request import PatchedSurveyRequest
from .patched_talent_pool_update_request import PatchedTalentPoolUpdateRequest
from .patched_webhook_subscription_request import PatchedWebhookSubscriptionRequest
from .patched_workflow_request import PatchedWorkflowRequest
from .pay_equity_retrieve_within import PayEquityRetrieveWithin
from .pay_grade import PayGrade
from .pay_grade_request import PayGradeRequest
from .pay_record import PayRecord
from .pay_record_equity_attributes import PayRecordEquityAttributes
from .pay_record_request import PayRecordRequest
from .pay_record_request_equity_attributes import PayRecordRequestEquityAttributes
from .peer_nominate_request import PeerNominateRequest
from .peer_nomination import PeerNomination
from .peer_nominations_list_status import PeerNominationsListStatus
from .peer_suggestion import PeerSuggestion
from .performance_outliers_list_kind import PerformanceOutliersListKind
from .performance_rating import PerformanceRating
from .personal_data_export import PersonalDataExport
from .personal_data_export_request_request import PersonalDataExportRequestRequest
from .personal_data_export_status_enum import PersonalDataExportStatusEnum
from .perspective_enum import PerspectiveEnum
from .ping import Ping
from .plan_create_request import PlanCreateRequest
from .plan_created import PlanCreated
from .plan_item import PlanItem
from .pool import Pool
from .pool_choices_type_0 import PoolChoicesType0
from .pool_levels_type_0 import PoolLevelsType0
from .potential_assessment import PotentialAssessment
from .potential_assessment_request import PotentialAssessmentRequest
from .potential_assessment_request_scores import PotentialAssessmentRequestScores
from .potential_assessment_scores import PotentialAssessmentScores
from .potential_calibrate_request import PotentialCalibrateRequest
from .preview_tally import PreviewTally
from .preview_vote_request import PreviewVoteRequest
from .programme_add_request import ProgrammeAddRequest
from .programme_item import ProgrammeItem
from .programme_item_request import ProgrammeItemRequest
from .programme_remove_request import ProgrammeRemoveRequest
from .proposal import Proposal
from .proposal_decision_request import ProposalDecisionRequest
from .proposal_input_request import ProposalInputRequest
from .question_answer import QuestionAnswer
from .question_answer_kind_enum import QuestionAnswerKindEnum
from .question_result import QuestionResult
from .question_result_distribution import QuestionResultDistribution
from .rank_request import RankRequest
from .rating import Rating
from .rating_preview import RatingPreview
from .rating_request import RatingRequest
from .ratings_input_request import RatingsInputRequest
from .reader import Reader
from .reader_request import ReaderRequest
from .readiness_enum import ReadinessEnum
from .reason_request import ReasonRequest
from .recipients_enum import RecipientsEnum
from .recurrence_enum import RecurrenceEnum
from .relative_to_enum import RelativeToEnum
from .removal_request import RemovalRequest
from .request_for_feedback import RequestForFeedback
from .request_for_feedback_request import RequestForFeedbackRequest
from .requirement import Requirement
from .requirement_request import RequirementRequest
from .review import Review
from .review_action import ReviewAction
from .review_action_complete_request import ReviewActionCompleteRequest
from .review_action_request import ReviewActionRequest
from .review_action_status_enum import ReviewActionStatusEnum
from .review_answer_row import ReviewAnswerRow
from .review_answers_list_kind import ReviewAnswersListKind
from .review_decision import ReviewDecision
from .review_decision_request import ReviewDecisionRequest
from .review_hold_request import ReviewHoldRequest
from .review_move import ReviewMove
from .review_move_request import ReviewMoveRequest
from .review_request import ReviewRequest
from .review_template import ReviewTemplate
from .review_template_request import ReviewTemplateRequest
from .review_template_request_sections import ReviewTemplateRequestSections
from .review_template_sections import ReviewTemplateSections
from .review_template_version import ReviewTemplateVersion
from .review_template_version_sections import ReviewTemplateVersionSections
from .role_enum import RoleEnum
from .scale_level import ScaleLevel
from .scale_level_request import ScaleLevelRequest
from .scim_document import ScimDocument
from .scim_error import ScimError
from .scim_group import ScimGroup
from .scim_group_members_item import ScimGroupMembersItem
from .scim_group_meta import ScimGroupMeta
from .scim_list_response import ScimListResponse
from .scim_list_response_resources_item import ScimListResponseResourcesItem
from .scim_patch_op import ScimPatchOp
from .scim_patch_op_operations_item import ScimPatchOpOperationsItem
from .scim_patch_op_operations_item_op import ScimPatchOpOperationsItemOp
from .scim_user import ScimUser
from .scim_user_emails_item import ScimUserEmailsItem
from .scim_user_meta import ScimUserMeta
from .scim_user_name import ScimUserName
from .scim_user_roles_item import ScimUserRolesItem
from .scim_user_urnietfparamsscimschemasextensionenterprise_20_user import (
    ScimUserUrnietfparamsscimschemasextensionenterprise20User,
)
from .scim_user_urnietfparamsscimschemasextensionenterprise_20_user_manager import (
    ScimUserUrnietfparamsscimschemasextensionenterprise20UserManager,
)
from .scope_enum import ScopeEnum
from .scope_gaps import ScopeGaps
from .slate_reader import SlateReader
from .slate_reader_request import SlateReaderRequest
from .source_enum import SourceEnum
from .state_enum import StateEnum
from .successor import Successor
from .successor_nomination import SuccessorNomination
from .successor_nomination_request import SuccessorNominationRequest
from .successor_nomination_status_enum import SuccessorNominationStatusEnum
from .successor_request import SuccessorRequest
from .suggested_action_enum import SuggestedActionEnum
from .suggested_member import SuggestedMember
from .survey import Survey
from .survey_audience_enum import SurveyAudienceEnum
from .survey_question import SurveyQuestion
from .survey_question_kind_enum import SurveyQuestionKindEnum
from .survey_question_request import SurveyQuestionRequest
from .survey_request import SurveyRequest
from .survey_response_receipt import SurveyResponseReceipt
from .survey_response_request import SurveyResponseRequest
from .survey_response_request_answers import SurveyResponseRequestAnswers
from .survey_result import SurveyResult
from .survey_results_list_by import SurveyResultsListBy
from .survey_round import SurveyRound
from .survey_round_request import SurveyRoundRequest
from .survey_status_enum import SurveyStatusEnum
from .surveys_list_status import SurveysListStatus
from .talent_pool import TalentPool
from .talent_pool_member import TalentPoolMember
from .talent_pool_member_request import TalentPoolMemberRequest
from .talent_pool_request import TalentPoolRequest
from .talent_review import TalentReview
from .talent_review_request import TalentReviewRequest
from .talent_review_status_enum import TalentReviewStatusEnum
from .template_application import TemplateApplication
from .template_apply_request import TemplateApplyRequest
from .template_apply_status_enum import TemplateApplyStatusEnum
from .to_box_enum import ToBoxEnum
from .totals import Totals
from .trigger_enum import TriggerEnum
from .update_frequency_enum import UpdateFrequencyEnum
from .visibility_enum import VisibilityEnum
from .vote_enum import VoteEnum
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_attempt import WebhookDeliveryAttempt
from .webhook_delivery_status_enum import WebhookDeliveryStatusEnum
from .webhook_event import WebhookEvent
from .webhook_event_data import WebhookEventData
from .webhook_subscription import WebhookSubscription
from .webhook_subscription_created import WebhookSubscriptionCreated
from .webhook_subscription_request import WebhookSubscriptionRequest
from .weights import Weights
from .weights_request import WeightsRequest
from .workflow import Workflow
from .workflow_audience_enum import WorkflowAudienceEnum
from .workflow_milestone import WorkflowMilestone
from .workflow_milestone_config import WorkflowMilestoneConfig
from .workflow_milestone_config_request import WorkflowMilestoneConfigRequest
from .workflow_milestone_request import WorkflowMilestoneRequest
from .workflow_preview import WorkflowPreview
from .workflow_preview_entry import WorkflowPreviewEntry
from .workflow_request import WorkflowRequest
from .workflow_run import WorkflowRun
from .workflow_status_enum import WorkflowStatusEnum
from .workflows_list_status import WorkflowsListStatus
from .workflows_list_trigger import WorkflowsListTrigger

__all__ = (
    "ActionItem",
    "ActionItemRequest",
    "AdditionRequest",
    "AdjustedGap",
    "AdjustRequest",
    "AnswerInputRequest",
    "AnswersInputRequest",
    "ApproveRequest",
    "Aspiration",
    "AspirationGap",
    "AspirationRequest",
    "Assessment",
    "AssessmentCycle",
    "AssessmentCycleRequest",
    "AssessmentCyclesListScope",
    "AssessmentCyclesListStatus",
    "AssessmentCycleStatusEnum",
    "AssessmentKindEnum",
    "AssessmentsListKind",
    "AssessmentsListStatus",
    "AssessmentStatusEnum",
    "AuditEvent",
    "Bench",
    "BlankEnum",
    "BonusLine",
    "BonusRun",
    "BonusRunDetail",
    "BonusRunDetailRatingMultipliers",
    "BonusRunRatingMultipliers",
    "BonusRunRequest",
    "BonusRunRequestRatingMultipliers",
    "BonusRunsExportRetrieveFileFormat",
    "Budget",
    "BudgetRequest",
    "BulkEmployeeItemRequest",
    "BulkMatrixManagerRequest",
    "BulkUpsertItemResult",
    "BulkUpsertItemResultStatusEnum",
    "BulkUpsertRequest",
    "BulkUpsertResult",
    "CadenceEnum",
    "CalibrateRequest",
    "CapabilitiesListStatus",
    "Capability",
    "CapabilityGap",
    "CapabilityLevel",
    "CapabilityLevelRequest",
    "CapabilityRequest",
    "CapabilityStatusEnum",
    "CapabilityUpdate",
    "CareerPath",
    "CareerPathRequest",
    "CareerPathUpdate",
    "CatalogueCapability",
    "CatalogueLevel",
    "Cell",
    "CellRequest",
    "ChangeRequest",
    "CheckIn",
    "CheckInCreateRequest",
    "CheckInsListStatus",
    "CheckInStatusEnum",
    "CloseRequest",
    "CompensationReviewsPayrollRetrieveFileFormat",
    "CompetencyScale",
    "CompleteRequest",
    "Completion",
    "CompletionInputRequest",
    "ConfidenceEnum",
    "ConfirmRequest",
    "ContentGap",
    "CriticalRole",
    "CriticalRoleRequest",
    "Deadlines",
    "DeadlinesRequest",
    "DecisionRequest",
    "Department",
    "DepartmentHeatmap",
    "DepartmentMultiplier",
    "DepartmentMultiplierRequest",
    "DepartmentRequest",
    "DevelopmentPlan",
    "DevelopmentPlansListKind",
    "DevelopmentPlansListStatus",
    "DirectionEnum",
    "EmailStateEnum",
    "Employee",
    "EmployeeGaps",
    "EmployeeRequest",
    "Enps",
    "EquityCell",
    "EquityGroup",
    "EquityReport",
    "Error",
    "ErrorFields",
    "EscalateToEnum",
    "Escalation",
    "EscalationRequest",
    "EventsEnum",
    "Evidence",
    "ExpertGrant",
    "ExpertGrantRequest",
    "ExternalRating",
    "ExternalRatingRequest",
    "Feedback",
    "FeedbackKindEnum",
    "FeedbackListKind",
    "FeedbackListVisibility",
    "FeedbackRequest",
    "FeedbackRequestStatusEnum",
    "Gap",
    "Goal",
    "GoalChangeRequestStatusEnum",
    "GoalDetail",
    "GoalDetailPendingChangeType0",
    "GoalDetailSmart",
    "GoalRequest",
    "GoalsListLevel",
    "GoalsListOwnerType",
    "GoalsListPerspective",
    "GoalsListStatus",
    "GoalStatusEnum",
    "GoalTemplate",
    "GoalTemplateRequest",
    "GoalUpdate",
    "GoalUpdateRequest",
    "HeatmapCapability",
    "HeatmapCell",
    "HeatmapDepartment",
    "History",
    "ImpactCapability",
    "ImpactCost",
    "ImpactItem",
    "ImpactPlan",
    "ImpactRates",
    "IndicatorEnum",
    "ItemProgressRequest",
    "JobRole",
    "JobRoleAssignment",
    "JobRoleAssignmentRequest",
    "JobRoleRequest",
    "KeyResult",
    "KeyResultRequest",
    "KpiDirectionEnum",
    "Launch",
    "LaunchRequest",
    "LearningImpact",
    "LearningItem",
    "LearningItemRequest",
    "LearningItemsListCompletionOutcome",
    "LearningItemsListKind",
    "LeaveRuleEnum",
    "LevelEnum",
    "LevelLink",
    "LevelLinkRequest",
    "MatrixManager",
    "MatrixManagerRequest",
    "Me",
    "MemberRemoveRequest",
    "MilestoneRequest",
    "NamedAnswer",
    "Notification",
    "NotificationReadAll",
    "OfferedContent",
    "Organization",
    "Outlier",
    "OutlierKindEnum",
    "OutlierRatingsItem",
    "OwnerTypeEnum",
    "PaginatedActionItemList",
    "PaginatedAspirationList",
    "PaginatedAssessmentCycleList",
    "PaginatedAssessmentList",
    "PaginatedAuditEventList",
    "PaginatedBonusLineList",
    "PaginatedBonusRunList",
    "PaginatedCapabilityList",
    "PaginatedCapabilityUpdateList",
    "PaginatedCareerPathList",
    "PaginatedCatalogueCapabilityList",
    "PaginatedChangeRequestList",
    "PaginatedCheckInList",
    "PaginatedCompetencyScaleList",
    "PaginatedCompletionList",
    "PaginatedContentGapList",
    "PaginatedCriticalRoleList",
    "PaginatedDepartmentList",
    "PaginatedDevelopmentPlanList",
    "PaginatedEmployeeList",
    "PaginatedExpertGrantList",
    "PaginatedExternalRatingList",
    "PaginatedFeedbackList",
    "PaginatedGoalList",
    "PaginatedGoalTemplateList",
    "PaginatedGoalUpdateList",
    "PaginatedHeatmapCellList",
    "PaginatedHistoryList",
    "PaginatedImpactCapabilityList",
    "PaginatedImpactItemList",
    "PaginatedImpactPlanList",
    "PaginatedJobRoleAssignmentList",
    "PaginatedJobRoleList",
    "PaginatedLearningItemList",
    "PaginatedNotificationList",
    "PaginatedOutlierList",
    "PaginatedPayGradeList",
    "PaginatedPayRecordList",
    "PaginatedPeerNominationList",
    "PaginatedPeerSuggestionList",
    "PaginatedPerformanceRatingList",
    "PaginatedPersonalDataExportList",
    "PaginatedPlanItemList",
    "PaginatedPotentialAssessmentList",
    "PaginatedProposalList",
    "PaginatedQuestionAnswerList",
    "PaginatedRatingList",
    "PaginatedRatingPreviewList",
    "PaginatedReaderList",
    "PaginatedRequestForFeedbackList",
    "PaginatedReviewActionList",
    "PaginatedReviewAnswerRowList",
    "PaginatedReviewDecisionList",
    "PaginatedReviewList",
    "PaginatedReviewMoveList",
    "PaginatedReviewTemplateList",
    "PaginatedReviewTemplateVersionList",
    "PaginatedSlateReaderList",
    "PaginatedSuccessorList",
    "PaginatedSuccessorNominationList",
    "PaginatedSuggestedMemberList",
    "PaginatedSurveyList",
    "PaginatedSurveyResultList",
    "PaginatedTalentPoolList",
    "PaginatedTalentReviewList",
    "PaginatedWebhookDeliveryList",
    "PaginatedWebhookSubscriptionList",
    "PaginatedWorkflowList",
    "PaginatedWorkflowRunList",
    "PartEnum",
    "PatchedAssessmentCycleRequest",
    "PatchedCapabilityRequest",
    "PatchedCareerPathUpdateRequest",
    "PatchedCheckInPatchRequest",
    "PatchedCompetencyScaleRequest",
    "PatchedCompetencyScaleRequestMapping",
    "PatchedCriticalRoleUpdateRequest",
    "PatchedEmployeeRequest",
    "PatchedGoalPatchRequest",
    "PatchedJobRoleRequest",
    "PatchedLearningItemRequest",
    "PatchedPayGradeRequest",
    "PatchedReviewTemplateRequest",
    "PatchedReviewTemplateRequestSections",
    "PatchedSuccessorUpdateRequest",
    "PatchedSurveyRequest",
    "PatchedTalentPoolUpdateRequest",
    "PatchedWebhookSubscriptionRequest",
    "PatchedWorkflowRequest",
    "PayEquityRetrieveWithin",
    "PayGrade",
    "PayGradeRequest",
    "PayRecord",
    "PayRecordEquityAttributes",
    "PayRecordRequest",
    "PayRecordRequestEquityAttributes",
    "PeerNominateRequest",
    "PeerNomination",
    "PeerNominationsListStatus",
    "PeerSuggestion",
    "PerformanceOutliersListKind",
    "PerformanceRating",
    "PersonalDataExport",
    "PersonalDataExportRequestRequest",
    "PersonalDataExportStatusEnum",
    "PerspectiveEnum",
    "Ping",
    "PlanCreated",
    "PlanCreateRequest",
    "PlanItem",
    "Pool",
    "PoolChoicesType0",
    "PoolLevelsType0",
    "PotentialAssessment",
    "PotentialAssessmentRequest",
    "PotentialAssessmentRequestScores",
    "PotentialAssessmentScores",
    "PotentialCalibrateRequest",
    "PreviewTally",
    "PreviewVoteRequest",
    "ProgrammeAddRequest",
    "ProgrammeItem",
    "ProgrammeItemRequest",
    "ProgrammeRemoveRequest",
    "Proposal",
    "ProposalDecisionRequest",
    "ProposalInputRequest",
    "QuestionAnswer",
    "QuestionAnswerKindEnum",
    "QuestionResult",
    "QuestionResultDistribution",
    "RankRequest",
    "Rating",
    "RatingPreview",
    "RatingRequest",
    "RatingsInputRequest",
    "Reader",
    "ReaderRequest",
    "ReadinessEnum",
    "ReasonRequest",
    "RecipientsEnum",
    "RecurrenceEnum",
    "RelativeToEnum",
    "RemovalRequest",
    "RequestForFeedback",
    "RequestForFeedbackRequest",
    "Requirement",
    "RequirementRequest",
    "Review",
    "ReviewAction",
    "ReviewActionCompleteRequest",
    "ReviewActionRequest",
    "ReviewActionStatusEnum",
    "ReviewAnswerRow",
    "ReviewAnswersListKind",
    "ReviewDecision",
    "ReviewDecisionRequest",
    "ReviewHoldRequest",
    "ReviewMove",
    "ReviewMoveRequest",
    "ReviewRequest",
    "ReviewTemplate",
    "ReviewTemplateRequest",
    "ReviewTemplateRequestSections",
    "ReviewTemplateSections",
    "ReviewTemplateVersion",
    "ReviewTemplateVersionSections",
    "RoleEnum",
    "ScaleLevel",
    "ScaleLevelRequest",
    "ScimDocument",
    "ScimError",
    "ScimGroup",
    "ScimGroupMembersItem",
    "ScimGroupMeta",
    "ScimListResponse",
    "ScimListResponseResourcesItem",
    "ScimPatchOp",
    "ScimPatchOpOperationsItem",
    "ScimPatchOpOperationsItemOp",
    "ScimUser",
    "ScimUserEmailsItem",
    "ScimUserMeta",
    "ScimUserName",
    "ScimUserRolesItem",
    "ScimUserUrnietfparamsscimschemasextensionenterprise20User",
    "ScimUserUrnietfparamsscimschemasextensionenterprise20UserManager",
    "ScopeEnum",
    "ScopeGaps",
    "SlateReader",
    "SlateReaderRequest",
    "SourceEnum",
    "StateEnum",
    "Successor",
    "SuccessorNomination",
    "SuccessorNominationRequest",
    "SuccessorNominationStatusEnum",
    "SuccessorRequest",
    "SuggestedActionEnum",
    "SuggestedMember",
    "Survey",
    "SurveyAudienceEnum",
    "SurveyQuestion",
    "SurveyQuestionKindEnum",
    "SurveyQuestionRequest",
    "SurveyRequest",
    "SurveyResponseReceipt",
    "SurveyResponseRequest",
    "SurveyResponseRequestAnswers",
    "SurveyResult",
    "SurveyResultsListBy",
    "SurveyRound",
    "SurveyRoundRequest",
    "SurveysListStatus",
    "SurveyStatusEnum",
    "TalentPool",
    "TalentPoolMember",
    "TalentPoolMemberRequest",
    "TalentPoolRequest",
    "TalentReview",
    "TalentReviewRequest",
    "TalentReviewStatusEnum",
    "TemplateApplication",
    "TemplateApplyRequest",
    "TemplateApplyStatusEnum",
    "ToBoxEnum",
    "Totals",
    "TriggerEnum",
    "UpdateFrequencyEnum",
    "VisibilityEnum",
    "VoteEnum",
    "WebhookDelivery",
    "WebhookDeliveryAttempt",
    "WebhookDeliveryStatusEnum",
    "WebhookEvent",
    "WebhookEventData",
    "WebhookSubscription",
    "WebhookSubscriptionCreated",
    "WebhookSubscriptionRequest",
    "Weights",
    "WeightsRequest",
    "Workflow",
    "WorkflowAudienceEnum",
    "WorkflowMilestone",
    "WorkflowMilestoneConfig",
    "WorkflowMilestoneConfigRequest",
    "WorkflowMilestoneRequest",
    "WorkflowPreview",
    "WorkflowPreviewEntry",
    "WorkflowRequest",
    "WorkflowRun",
    "WorkflowsListStatus",
    "WorkflowsListTrigger",
    "WorkflowStatusEnum",
)
