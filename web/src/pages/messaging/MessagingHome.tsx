import { Navigate } from 'react-router-dom';

/** `/messaging`: the menu entry opens the channels tab. */
export default function MessagingHome() {
  return <Navigate to="/messaging/channels" replace />;
}
