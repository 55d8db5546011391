import { Navigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import HomePage from '../HomePage';

/** "/" after sign-in: residents land on their portal, staff on the workbench home. */
export default function LandingPage() {
  const { user } = useAuth();
  const residentOnly = !!user && user.roles.length > 0 && user.roles.every((grant) => grant.role === 'resident');
  if (residentOnly) return <Navigate to="/portal" replace />;
  return <HomePage />;
}
